/**
 * The demo library: each photo's file, size, scene, caption, alt text, date,
 * camera and exposure, and look.
 */
import type { Canvas } from './canvas.js';
import type { Rng } from './maths.js';
import { alpineLakeDawn } from './scenes/alpine-lake-dawn.js';
import { blueRidgesPanorama } from './scenes/blue-ridges-panorama.js';
import { desertDunesGoldenHour } from './scenes/desert-dunes-golden-hour.js';
import { glacierValleyNoon } from './scenes/glacier-valley-noon.js';
import { harbourBlueHour } from './scenes/harbour-blue-hour.js';
import { milkyWayOverTheRidge } from './scenes/milky-way-over-the-ridge.js';
import { moonriseOverTheLake } from './scenes/moonrise-over-the-lake.js';
import { pineForestFog } from './scenes/pine-forest-fog.js';
import { sunsetOverTheBay } from './scenes/sunset-over-the-bay.js';
import { turquoiseCoveNoon } from './scenes/turquoise-cove-noon.js';

export type Render = (c: Canvas, rng: Rng, seed: number) => void;

export interface PhotoSpec {
  file: string; // relative to demo/originals
  w: number; // displayed width
  h: number; // displayed height
  render: Render;
  caption: string;
  exifCaption?: string; // ASCII rendering for EXIF when the caption is not ASCII
  alt: string;
  date: string; // local "YYYY-MM-DDTHH:MM:SS"
  offset: string; // "+02:00"
  model: string;
  /** How it was "taken", as a camera records it (EXIF rationals: "1/500", "28/10"); the lens only for an interchangeable one. */
  shot: { lens?: string; focalLength: string; fNumber: string; exposureTime: string; iso: number };
  sidecar: boolean;
  sideways?: boolean; // store rotated with EXIF Orientation 6
  grain: number;
  vignette: number;
}

export const PHOTOS: PhotoSpec[] = [
  {
    file: 'mountains/alpine-lake-dawn.jpg',
    w: 1600,
    h: 1067,
    render: alpineLakeDawn,
    caption: 'First light on the peaks, mirrored in a perfectly still alpine lake.',
    alt: 'Snow-capped mountains glowing pink at dawn above a calm lake that reflects them, with a dark line of pine trees along the far shore and rocks in the foreground.',
    date: '2024-07-14T05:42:10',
    offset: '+02:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 24-70mm F2.8', focalLength: '24/1', fNumber: '11/1', exposureTime: '1/60', iso: 100 },
    sidecar: true,
    grain: 0.022,
    vignette: 0.28,
  },
  {
    file: 'mountains/blue-ridges-panorama.jpg',
    w: 2000,
    h: 850,
    render: blueRidgesPanorama,
    caption: 'Seven ridgelines fading into the afternoon haze.',
    alt: 'Panorama of layered mountain ridges that get paler and bluer with distance, under a hazy golden sky with the sun high on the right.',
    date: '2023-10-08T16:26:45',
    offset: '-04:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 70-200mm F4', focalLength: '135/1', fNumber: '8/1', exposureTime: '1/500', iso: 200 },
    sidecar: true,
    grain: 0.028,
    vignette: 0.22,
  },
  {
    file: 'mountains/pine-forest-fog.jpg',
    w: 1067,
    h: 1600,
    render: pineForestFog,
    caption: 'Morning fog drifting between rows of pines.',
    alt: 'Tall portrait view of a pine forest in thick morning fog: rows of pine silhouettes fade from dark in front to pale grey in the distance, with soft sunlight breaking through.',
    date: '2024-11-02T08:12:31',
    offset: '+01:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 24-70mm F2.8', focalLength: '50/1', fNumber: '56/10', exposureTime: '1/125', iso: 400 },
    sidecar: true,
    sideways: true,
    grain: 0.03,
    vignette: 0.25,
  },
  {
    file: 'mountains/glacier-valley-noon.jpg',
    w: 1600,
    h: 1067,
    render: glacierValleyNoon,
    caption: 'Midday on the high pasture: snowfields, blue sky and a forested valley below.',
    alt: 'A jagged range of grey, snow-streaked mountains under a bright blue sky with white clouds, above green slopes, patches of dark pine forest and a grassy meadow in the foreground.',
    date: '2025-06-21T12:47:22',
    offset: '+02:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 16-35mm F4', focalLength: '16/1', fNumber: '8/1', exposureTime: '1/250', iso: 100 },
    sidecar: true,
    grain: 0.022,
    vignette: 0.2,
  },
  {
    file: 'sea/harbour-blue-hour.jpg',
    w: 1600,
    h: 1067,
    render: harbourBlueHour,
    caption: "From the café terrace — the harbour's last light before the lamps take over.",
    exifCaption: "From the cafe terrace - the harbour's last light before the lamps take over.",
    alt: 'A small harbour town at dusk under a deep blue sky with a pink glow on the horizon; lit windows, quay lamps and a striped lighthouse reflect in the water, and sailboats are moored in the foreground.',
    date: '2024-09-06T20:31:40',
    offset: '+02:00',
    model: 'PF-2',
    shot: { focalLength: '23/1', fNumber: '2/1', exposureTime: '1/30', iso: 1600 },
    sidecar: true,
    grain: 0.03,
    vignette: 0.3,
  },
  {
    file: 'sea/sunset-over-the-bay.jpg',
    w: 1600,
    h: 1067,
    render: sunsetOverTheBay,
    caption: 'The sun sinking into the bay, with the headland already in shadow.',
    alt: 'An orange sun setting over the sea beneath streaks of glowing cloud, a golden path of light on the water, a dark wooded headland on the left and rocks in the lower right.',
    date: '2023-08-19T20:14:05',
    offset: '+01:00',
    model: 'PF-2',
    shot: { focalLength: '23/1', fNumber: '8/1', exposureTime: '1/1000', iso: 160 },
    sidecar: true,
    grain: 0.028,
    vignette: 0.3,
  },
  {
    file: 'sea/turquoise-cove-noon.jpg',
    w: 1067,
    h: 1600,
    render: turquoiseCoveNoon,
    caption: 'Turquoise water and white foam in a sheltered cove at noon.',
    alt: 'Portrait view from above a sandy beach with pebbles and a line of dried seaweed, small white waves, clear turquoise water turning deep blue towards the horizon, a tall brown cliff on the right and a green headland in the distance.',
    date: '2025-05-03T13:05:48',
    offset: '+03:00',
    model: 'PF-2',
    shot: { focalLength: '23/1', fNumber: '56/10', exposureTime: '1/2000', iso: 160 },
    sidecar: true,
    grain: 0.024,
    vignette: 0.18,
  },
  {
    file: 'night/milky-way-over-the-ridge.jpg',
    w: 1600,
    h: 1067,
    render: milkyWayOverTheRidge,
    caption: 'The Milky Way rising over camp on a moonless summer night.',
    alt: 'A night sky full of stars with the bright band of the Milky Way running diagonally, above a black ridge lined with pine trees and a small tent glowing orange.',
    date: '2023-06-17T01:22:09',
    offset: '-06:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 14mm F1.8', focalLength: '14/1', fNumber: '18/10', exposureTime: '20/1', iso: 3200 },
    sidecar: true,
    grain: 0.034,
    vignette: 0.3,
  },
  {
    file: 'night/moonrise-over-the-lake.jpg',
    w: 1600,
    h: 1067,
    render: moonriseOverTheLake,
    caption: 'Moonrise over the lake, framed by the pines on the shore.',
    alt: 'A bright moon in a deep blue night sky with thin clouds and stars, shining over low forested hills and a lake with a silver path of moonlight, framed by tall black pine trees on both sides.',
    date: '2025-01-12T18:48:30',
    offset: '+01:00',
    model: 'PF-1 Mark II',
    shot: { lens: 'PF 70-200mm F4', focalLength: '200/1', fNumber: '4/1', exposureTime: '1/2', iso: 1600 },
    sidecar: true,
    grain: 0.034,
    vignette: 0.3,
  },
  {
    file: 'desert-dunes-golden-hour.jpg',
    w: 1200,
    h: 1200,
    render: desertDunesGoldenHour,
    caption: 'Wind-carved dunes catching the last golden light of the afternoon.',
    alt: 'Rolling sand dunes in warm golden light with sharp crests dividing lit and shaded slopes, under a hazy sky with the low sun on the left.',
    date: '2024-03-02T17:51:12',
    offset: '+04:00',
    model: 'PF-2',
    shot: { focalLength: '23/1', fNumber: '11/1', exposureTime: '1/500', iso: 160 },
    sidecar: false,
    grain: 0.03,
    vignette: 0.25,
  },
];
