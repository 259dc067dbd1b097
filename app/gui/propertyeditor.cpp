#include "propertyeditor.h"
