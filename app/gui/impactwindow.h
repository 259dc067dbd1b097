// impactwindow (being written).
#pragma once
