// impacttable (being written).
#include "impacttable.h"
