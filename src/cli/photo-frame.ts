#!/usr/bin/env node
/**
 * The `blog-photo-frame` command (package.json "bin"): `blog-photo-frame upload <folder> --bucket <name>`.
 * Everything happens in run-cli.ts; this file only sets up the process.
 */
import sharp from 'sharp';
import { runCli } from './run-cli.js';

// One pass over many different photos: libvips' operation cache would only hold memory.
sharp.cache(false);

process.exitCode = await runCli(process.argv.slice(2));
