#include "workloadeditor.h"
