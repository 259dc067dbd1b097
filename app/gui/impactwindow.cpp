// impactwindow (being written).
#include "impactwindow.h"
