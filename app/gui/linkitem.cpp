#include "linkitem.h"
