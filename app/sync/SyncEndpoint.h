#pragma once

#include <QByteArray>
#include <QUrl>

namespace foyer::sync {

// Where the venue's server is and how this workstation knows it is the real one: only certificates issued by the
// venue's own CA are trusted, and the server certificate seen at registration is pinned (a changed one is refused).
struct SyncEndpoint
{
    QUrl baseUrl;                // e.g. https://127.0.0.1:8443
    QByteArray caCertificatePem; // the venue CA, public
    QByteArray pinnedSha256;     // hex SHA-256 of the server certificate (DER); empty before registration
    int timeoutMs = 15000;
};

} // namespace foyer::sync
