#!/usr/bin/env bash
# Rebuild the action bundle and fail when the committed dist/ differs from it.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent bundle
if [ -n "$(git status --porcelain --untracked-files=all -- dist/)" ]; then
  echo "dist/ is out of date: run 'npm run bundle' and commit dist/." >&2
  git --no-pager diff --stat -- dist/ >&2
  git status --short -- dist/ >&2
  exit 1
fi
git diff --exit-code --quiet -- dist/
echo "dist/ is up to date."
