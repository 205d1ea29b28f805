#!/bin/sh
# Entrypoint of the Gantry trainer image (AWS Batch job or `docker run`). The job's command is one of
#   gantry-train --id <id> --storage s3://<bucket>/<prefix>        a training (config read from storage by id)
#   gantry-study __run --storage <url> --study <id>                 one run of a study's array job
#   gantry-study --id <id> --storage <url>                          a study's aggregation (after its array)
# and this script adds only what the job environment decides:
# - a training always runs with --resume <id>: the first attempt finds no checkpoint and starts at step 0, a later
#   attempt (Batch retrying after a spot reclaim: SIGTERM -> checkpoint -> exit 3) continues from latest.json;
# - an array child picks its run id from GANTRY_STUDY_RUNS by AWS_BATCH_JOB_ARRAY_INDEX, and a run that ended
#   failed (exit 1: diverged) or with a bad config (2) exits 0, because that outcome is a study result, already in
#   its status.json; a failing child would keep the aggregation job from ever running. Exit 3 stays 3 (retry).
set -eu

export TF_FORCE_GPU_ALLOW_GROWTH="${TF_FORCE_GPU_ALLOW_GROWTH:-true}"

if [ "$#" -eq 0 ]; then
  echo "gantry entrypoint: no command; expected gantry-train --id <id> --storage <url> or gantry-study ..." >&2
  exit 2
fi

if [ "$1" = "gantry-train" ]; then
  id=""
  prev=""
  for arg in "$@"; do
    if [ "$prev" = "--id" ]; then id="$arg"; fi
    if [ "$arg" = "--resume" ] || [ "$arg" = "--config" ]; then id=""; break; fi
    prev="$arg"
  done
  if [ -n "$id" ]; then set -- "$@" --resume "$id"; fi
  exec "$@"
fi

if [ "$1" = "gantry-study" ] && [ "${2:-}" = "__run" ] && [ -n "${AWS_BATCH_JOB_ARRAY_INDEX:-}" ]; then
  index="$AWS_BATCH_JOB_ARRAY_INDEX"
  cmd="$*"
  # shellcheck disable=SC2086 # word splitting is the point: the run ids are space-separated
  set -- ${GANTRY_STUDY_RUNS:?GANTRY_STUDY_RUNS must list the study run ids}
  if [ "$index" -ge "$#" ]; then
    echo "gantry entrypoint: array index $index but only $# runs in GANTRY_STUDY_RUNS" >&2
    exit 2
  fi
  shift "$index"
  run="$1"
  # shellcheck disable=SC2086 # the original command has no spaces inside its arguments (ids, URLs)
  set -- $cmd --run "$run"
  # Not exec: the exit code is mapped below, so forward SIGTERM (spot reclaim) to the run and wait for it.
  "$@" &
  child=$!
  trap 'kill -TERM "$child" 2>/dev/null' TERM INT
  code=0
  wait "$child" || code=$?
  # A trapped signal interrupts wait; wait again for the run's own exit (checkpoint written, exit 3).
  while kill -0 "$child" 2>/dev/null; do
    code=0
    wait "$child" || code=$?
  done
  if [ "$code" -eq 1 ] || [ "$code" -eq 2 ]; then
    echo "gantry entrypoint: run $run ended with exit $code (recorded in its status.json); exiting 0 for the study" >&2
    exit 0
  fi
  exit "$code"
fi

exec "$@"
