#include "SyncApplier.h"
