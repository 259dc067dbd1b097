// faultspec (being written).
#pragma once
