#include "SyncOutbox.h"
