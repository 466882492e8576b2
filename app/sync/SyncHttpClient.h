#pragma once

#include "HttpResult.h"
#include "SyncEndpoint.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrlQuery>
#include <memory>

namespace foyer::sync {

// JSON over HTTPS to the venue's server, one request at a time, on the thread that made it (the sync worker's; the
// window never waits on it). TLS trusts only the venue's CA; once a certificate is pinned, any other one is refused
// before a byte of the request (or its token) is sent.
class SyncHttpClient
{
    Q_DECLARE_TR_FUNCTIONS(foyer::sync::SyncHttpClient)
public:
    explicit SyncHttpClient(SyncEndpoint endpoint);

    HttpResult get(const QString& path, const QUrlQuery& query, const QByteArray& token);
    HttpResult post(const QString& path, const QJsonObject& body, const QByteArray& token);

    // A GET sent now and answered later (wait): Qt's HTTP thread receives the reply while this thread does other
    // work (a pull applies one page while the next is on its way). Dropping it unanswered aborts the request.
    struct Exchange;
    using Pending = std::shared_ptr<Exchange>;
    Pending startGet(const QString& path, const QUrlQuery& query, const QByteArray& token);
    HttpResult wait(const Pending& pending);

    // The SHA-256 (hex) of the certificate the server showed on the last connection: pinned at registration.
    QByteArray lastPeerCertificateSha256() const { return m_lastPeerSha256; }
    const SyncEndpoint& endpoint() const { return m_endpoint; }

private:
    HttpResult send(const QByteArray& verb, const QUrl& url, const QByteArray& body, const QByteArray& token);
    Pending start(const QByteArray& verb, const QUrl& url, const QByteArray& body, const QByteArray& token,
                  HttpResult* refused);

    SyncEndpoint m_endpoint;
    QNetworkAccessManager m_network;
    QByteArray m_lastPeerSha256;
};

} // namespace foyer::sync
