// archbench: the desktop workbench.
int main() { return 0; }
