// impacttable (being written).
#pragma once
