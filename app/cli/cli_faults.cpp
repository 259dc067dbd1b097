// archbench-cli what-if, impact and chaos (being written).
