// faultspec (being written).
#include "faultspec.h"
