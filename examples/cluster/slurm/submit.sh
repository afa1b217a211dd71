#!/bin/bash
# Submits the array, then the merge, which starts only once every task of the array has succeeded.
set -euo pipefail
cd "$(dirname "$0")/../../.."   # the project folder: sources/ and package.json
mkdir -p logs
array=$(sbatch --parsable examples/cluster/slurm/build-array.sbatch)
sbatch --dependency="afterok:${array%%;*}" examples/cluster/slurm/merge.sbatch
