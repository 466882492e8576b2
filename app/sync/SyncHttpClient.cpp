#include "SyncHttpClient.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

namespace foyer::sync {

SyncHttpClient::SyncHttpClient(SyncEndpoint endpoint)
    : m_endpoint(std::move(endpoint))
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpResult SyncHttpClient::get(const QString& path, const QUrlQuery& query, const QByteArray& token)
{
    QUrl url = m_endpoint.baseUrl.resolved(QUrl(path));
    url.setQuery(query);
    return send(QByteArrayLiteral("GET"), url, QByteArray(), token);
}

HttpResult SyncHttpClient::post(const QString& path, const QJsonObject& body, const QByteArray& token)
{
    return send(QByteArrayLiteral("POST"), m_endpoint.baseUrl.resolved(QUrl(path)),
                QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

// One request on its way: its reply and what its TLS handshake showed.
struct SyncHttpClient::Exchange
{
    QNetworkReply* reply = nullptr;
    bool certificateChanged = false;
    QByteArray seenSha256;
    QStringList tlsProblems;
    HttpResult refused; // answered without a request (not https)

    ~Exchange()
    {
        if (reply) {
            QObject::disconnect(reply, nullptr, nullptr, nullptr);
            reply->abort();
            reply->deleteLater();
        }
    }
};

HttpResult SyncHttpClient::send(const QByteArray& verb, const QUrl& url, const QByteArray& body,
                                const QByteArray& token)
{
    HttpResult refused;
    const Pending pending = start(verb, url, body, token, &refused);
    return pending ? wait(pending) : refused;
}

SyncHttpClient::Pending SyncHttpClient::startGet(const QString& path, const QUrlQuery& query, const QByteArray& token)
{
    QUrl url = m_endpoint.baseUrl.resolved(QUrl(path));
    url.setQuery(query);
    HttpResult refused;
    Pending pending = start(QByteArrayLiteral("GET"), url, QByteArray(), token, &refused);
    if (!pending) {
        pending = std::make_shared<Exchange>();
        pending->refused = refused;
        return pending;
    }
    // Qt starts a request from this thread's event loop; once started, its HTTP thread carries it on its own.
    QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    return pending;
}

SyncHttpClient::Pending SyncHttpClient::start(const QByteArray& verb, const QUrl& url, const QByteArray& body,
                                              const QByteArray& token, HttpResult* refused)
{
    if (url.scheme() != QLatin1String("https")) {
        refused->kind = HttpResult::Kind::Untrusted;
        refused->message = tr("The server address must start with https:// (Foyer never talks to its server in the "
                              "clear): %1")
                               .arg(url.toDisplayString());
        return nullptr;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    request.setTransferTimeout(m_endpoint.timeoutMs);

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromData(m_endpoint.caCertificatePem, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    request.setSslConfiguration(tls);

    auto exchange = std::make_shared<Exchange>();
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, body);
    exchange->reply = reply;
    Exchange* state = exchange.get(); // the reply's connections end with the exchange (its destructor)
    const QByteArray pinned = m_endpoint.pinnedSha256;
    QObject::connect(reply, &QNetworkReply::encrypted, reply, [state, reply, pinned] {
        state->seenSha256 =
            QCryptographicHash::hash(reply->sslConfiguration().peerCertificate().toDer(), QCryptographicHash::Sha256)
                .toHex();
        // Checked before the request goes out, so a token is never sent to a server that is not the pinned one.
        if (!pinned.isEmpty() && state->seenSha256 != pinned) {
            state->certificateChanged = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [state](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            state->tlsProblems << error.errorString();
    });
    return exchange;
}

HttpResult SyncHttpClient::wait(const Pending& pending)
{
    if (!pending->reply)
        return pending->refused;
    QNetworkReply* reply = pending->reply;
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();

    HttpResult result;
    const bool certificateChanged = pending->certificateChanged;
    const QByteArray seenSha256 = pending->seenSha256;
    const QStringList tlsProblems = pending->tlsProblems;
    if (!seenSha256.isEmpty())
        m_lastPeerSha256 = seenSha256;
    const QNetworkReply::NetworkError networkError = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray replyBody = reply->readAll();
    const QString networkMessage = reply->errorString();
    QObject::disconnect(reply, nullptr, nullptr, nullptr);
    reply->deleteLater();
    pending->reply = nullptr;

    if (certificateChanged) {
        result.kind = HttpResult::Kind::CertificateChanged;
        result.message = tr("The server's certificate has changed since this workstation was registered, so Foyer "
                            "refused to talk to it. If the venue replaced its server certificate, register this "
                            "workstation again; otherwise someone may be intercepting the connection.");
        return result;
    }
    if (!tlsProblems.isEmpty() || networkError == QNetworkReply::SslHandshakeFailedError) {
        result.kind = HttpResult::Kind::Untrusted;
        result.message = tr("The server's certificate is not trusted (%1): it must be issued by this venue's "
                            "certificate authority.")
                             .arg(tlsProblems.isEmpty() ? networkMessage : tlsProblems.join(QStringLiteral("; ")));
        return result;
    }
    if (status == 0) {
        result.kind = HttpResult::Kind::Unreachable;
        result.message = tr("The server cannot be reached: %1").arg(networkMessage);
        return result;
    }
    result.status = status;
    if (status == 204 && replyBody.isEmpty()) {
        result.kind = HttpResult::Kind::Answered;
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(replyBody, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        result.kind = HttpResult::Kind::BadReply;
        result.message = tr("The server sent a reply Foyer cannot read (HTTP %1).").arg(status);
        return result;
    }
    result.kind = HttpResult::Kind::Answered;
    result.body = document.object();
    return result;
}

} // namespace foyer::sync
