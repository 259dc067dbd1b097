#include "metricspanel.h"
