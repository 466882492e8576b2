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

QNetworkRequest ApiClient::request(const QString& path, const QString& token) const
{
    QNetworkRequest request(QUrl(m_base + path));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(m_ca);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    request.setSslConfiguration(tls);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1());
    return request;
}

QNetworkReply* ApiClient::startPost(const QString& path, const QJsonObject& body, const QString& token)
{
    return m_network.post(request(path, token), QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiClient::Reply ApiClient::read(QNetworkReply* reply)
{
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.raw = reply->readAll();
    out.json = QJsonDocument::fromJson(out.raw).object();
    return out;
}

ApiClient::Reply ApiClient::send(const QByteArray& verb, const QString& path, const QByteArray& body,
                                 const QString& token, int timeoutMs)
{
    QNetworkReply* reply = m_network.sendCustomRequest(request(path, token), verb, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    const Reply out = read(reply);
    reply->deleteLater();
    return out;
}
