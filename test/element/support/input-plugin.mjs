/**
 * web-test-runner commands for the input sendMouse and sendKeys do not make:
 * touch and the mouse wheel, dispatched through the DevTools protocol's `Input`
 * domain on the page that runs the test (the launcher's puppeteer page). The
 * browser then makes the pointer events, the tap's click and its own panning,
 * zooming and scrolling from them, as from a finger or a wheel.
 *
 * In a test (coordinates in CSS pixels of the viewport):
 *
 *   import { executeServerCommand } from '@web/test-runner-commands';
 *   await executeServerCommand('touch', { fingers: [[[100, 100]]] });                        // a tap
 *   await executeServerCommand('touch', { fingers: [[[300, 200], [100, 200]]] });            // a swipe to the left
 *   await executeServerCommand('touch', { fingers: [[[200, 200], [150, 200]], [[220, 200], [270, 200]]] }); // a pinch out
 *   await executeServerCommand('wheel', { x: 100, y: 100, deltaY: 400 });                    // a wheel turn down
 *
 * Each finger is a path: it goes down at its first point, moves in `steps`
 * steps (default 8) to each next one, and lifts at its last; the fingers move together.
 */
export function inputPlugin() {
  return {
    name: 'input',
    async executeCommand({ command, payload, session }) {
      if (command !== 'touch' && command !== 'wheel') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`${command} needs a Chromium launched through puppeteer, not ${session.browser.type}`);
      const cdp = await session.browser.getPage(session.id).createCDPSession();
      try {
        if (command === 'touch') await touch(cdp, payload ?? {});
        else await wheel(cdp, payload ?? {});
      } finally {
        await cdp.detach().catch(() => undefined);
      }
      return true;
    },
  };
}

async function touch(cdp, { fingers, steps = 8 }) {
  if (!Array.isArray(fingers) || fingers.length === 0 || !fingers.every((path) => Array.isArray(path) && path.length > 0)) {
    throw new Error('touch: pass { fingers: [[[x, y], …], …] }, one path of points per finger');
  }
  const send = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  await send('touchStart', fingers.map((path) => path[0]));
  const segments = Math.max(...fingers.map((path) => path.length)) - 1;
  for (let segment = 0; segment < segments; segment++) {
    for (let step = 1; step <= steps; step++) {
      const t = step / steps;
      await send(
        'touchMove',
        fingers.map((path) => {
          const from = path[Math.min(segment, path.length - 1)];
          const to = path[Math.min(segment + 1, path.length - 1)];
          return [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t];
        }),
      );
    }
  }
  await send('touchEnd', []);
}

async function wheel(cdp, { x, y, deltaX = 0, deltaY = 0 }) {
  if (![x, y, deltaX, deltaY].every(Number.isFinite)) throw new Error('wheel: pass { x, y, deltaX?, deltaY? }');
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', x, y, deltaX, deltaY });
}
