// A stand-in for the <photo-frame> element: asks the photo API for a photo
// and shows it with its caption and date, using only the JSON contract.
const figure = document.querySelector('.random-photo');
const img = figure.querySelector('img');
const caption = figure.querySelector('.caption');
const time = figure.querySelector('time');
const endpoint = figure.dataset.endpoint;
let current;

async function show() {
  const url = new URL(endpoint);
  if (current) url.searchParams.set('exclude', current);
  try {
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok) throw new Error(body.error?.message ?? response.statusText);
    current = body.id;
    img.src = body.url;
    img.width = body.width;
    img.height = body.height;
    img.alt = body.alt ?? body.caption ?? '';
    img.hidden = false;
    caption.textContent = body.caption ?? '';
    time.dateTime = body.date ?? '';
    time.textContent = body.date ? new Date(body.date).toLocaleDateString(document.documentElement.lang, { dateStyle: 'long' }) : '';
  } catch (error) {
    caption.textContent = `No photo: ${error.message}`;
  }
}

document.querySelector('#next').addEventListener('click', show);
show();
