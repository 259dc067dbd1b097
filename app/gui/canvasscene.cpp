#include "canvasscene.h"
