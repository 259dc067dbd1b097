#include "canvasview.h"
