#!/bin/bash
# Submits a collection's array (4 tasks), then the merge (merge.sbatch: `recto merge` sees the
# shards are a collection's and builds the collection's pages), which starts only once every task
# of the array has succeeded. Usage: submit-collection.sh COLLECTION.json
set -euo pipefail
cd "$(dirname "$0")/../../.."   # the project folder: package.json
mkdir -p logs
export RECTO_COLLECTION="${1:-COLLECTION.json}"
array=$(sbatch --parsable --export=ALL examples/cluster/slurm/collection-array.sbatch)
sbatch --dependency="afterok:${array%%;*}" --export=ALL examples/cluster/slurm/merge.sbatch
