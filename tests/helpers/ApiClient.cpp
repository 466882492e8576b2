#include "ApiClient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

ApiClient::ApiClient(const QString& baseUrl, const QList<QSslCertificate>& ca)
    : m_base(baseUrl)
    , m_ca(ca)
{
}

ApiClient::Reply ApiClient::get(const QString& pathAndQuery, const QString& token, int timeoutMs)
{
    return send(QByteArrayLiteral("GET"), pathAndQuery, QByteArray(), token, timeoutMs);
}

ApiClient::Reply ApiClient::post(const QString& path, const QJsonObject& body, const QString& token, int timeoutMs)
{
    return send(QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), token, timeoutMs);
}

ApiClient::Reply ApiClient::postRaw(const QString& path, const QByteArray& body, const QString& token, int timeoutMs)
{
    return send(QByteArrayLiteral("POST"), path, body, token, timeoutMs);
}

ApiClient::Reply ApiClient::send(const QByteArray& verb, const QString& path, const QByteArray& body,
                                 const QString& token, int timeoutMs)
{
    QNetworkRequest request(QUrl(m_base + path));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(m_ca);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1());
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.raw = reply->readAll();
    out.json = QJsonDocument::fromJson(out.raw).object();
    reply->deleteLater();
    return out;
}
