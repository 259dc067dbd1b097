// experimentsview (being written).
#pragma once
