/**
 * The Cloud Function entry point `photo`, as the functions framework and
 * Google Cloud Functions load it (`package.json` "main"). Configuration is read
 * once, at start-up: a bad value stops the instance with a message that says
 * how to fix it.
 */
import * as functions from '@google-cloud/functions-framework';
import { createPhotoHandler } from './create-photo-handler.js';
import { parseConfig } from './parse-config.js';
import { useJsonErrors } from './use-json-errors.js';

const config = parseConfig();
useJsonErrors(config);
functions.http('photo', createPhotoHandler(config));
