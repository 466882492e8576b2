#pragma once

#include "KeyStore.h"
#include "SyncEndpoint.h"

#include <QString>

namespace foyer::sync {

// What a request to the venue's server on behalf of this workstation needs: where the server is (and its pinned
// certificate), and where this workstation's session token is kept.
struct ServerConnection
{
    SyncEndpoint endpoint;
    QString databaseId;
    security::KeyStore keyStore;
};

} // namespace foyer::sync
