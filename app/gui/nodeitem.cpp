#include "nodeitem.h"
