#!/usr/bin/env bash
# `npm run deploy`: deploys the photo API as a 2nd-gen Cloud Function.
# Settings come from the environment (see the README's Configuration table);
# BUCKET is required. Example:
#   BUCKET=my-blog-photos REGION=europe-west1 npm run deploy
set -euo pipefail

: "${BUCKET:?Set BUCKET to the bucket that holds your photos, e.g. BUCKET=my-blog-photos npm run deploy}"
command -v gcloud >/dev/null || { echo "gcloud is not installed: see https://cloud.google.com/sdk/docs/install" >&2; exit 1; }

PROJECT="${GOOGLE_CLOUD_PROJECT:-$(gcloud config get-value project 2>/dev/null)}"
: "${PROJECT:?Set GOOGLE_CLOUD_PROJECT or run: gcloud config set project YOUR_PROJECT}"

# An env-vars file, not --set-env-vars: ALLOWED_ORIGINS holds commas.
vars=$(mktemp)
trap 'rm -f "$vars"' EXIT
{
  echo "NODE_ENV: production"
  echo "BUCKET: \"$BUCKET\""
  echo "GOOGLE_CLOUD_PROJECT: \"$PROJECT\""
  for name in URL_MODE PUBLIC_BASE_URL SIGNED_URL_WINDOW_S ALLOWED_ORIGINS CATALOG_TTL_S STALE_IF_ERROR_S; do
    if [ -n "${!name:-}" ]; then echo "$name: \"${!name}\""; fi
  done
  # Node flags for the instance (package.json config.instanceNodeOptions, which
  # the benchmark runs with too); INSTANCE_NODE_OPTIONS overrides, empty for none.
  node_options="${INSTANCE_NODE_OPTIONS-$(node -p "require('./package.json').config.instanceNodeOptions ?? ''")}"
  if [ -n "$node_options" ]; then echo "NODE_OPTIONS: \"$node_options\""; fi
} > "$vars"

# --max-instances caps the bill a loop of requests can run up (see the README's "Cost").
gcloud functions deploy "${FUNCTION_NAME:-photo}" \
  --project="$PROJECT" \
  --gen2 \
  --runtime=nodejs22 \
  --region="${REGION:-us-central1}" \
  --source=. \
  --entry-point=photo \
  --trigger-http \
  --allow-unauthenticated \
  --memory="${MEMORY:-256Mi}" \
  --max-instances="${MAX_INSTANCES:-3}" \
  --concurrency="${CONCURRENCY:-80}" \
  --cpu=1 \
  --env-vars-file="$vars"
