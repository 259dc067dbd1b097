// experimentsview (being written).
#include "experimentsview.h"
