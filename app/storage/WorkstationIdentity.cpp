#include "WorkstationIdentity.h"
