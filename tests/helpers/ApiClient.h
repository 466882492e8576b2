#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QString>

// A test's HTTPS client of foyer-server: trusts only the test CA; each call waits for its reply.
class ApiClient
{
public:
    struct Reply
    {
        int status = 0; // 0: no HTTP reply (connection failed, aborted)
        QJsonObject json;
        QByteArray raw;
    };

    ApiClient(const QString& baseUrl, const QList<QSslCertificate>& ca);

    Reply get(const QString& pathAndQuery, const QString& token = QString(), int timeoutMs = 60000);
    Reply post(const QString& path, const QJsonObject& body, const QString& token = QString(), int timeoutMs = 60000);
    Reply postRaw(const QString& path, const QByteArray& body, const QString& token = QString(), int timeoutMs = 60000);

    // Starts a POST without waiting: the caller connects to the reply's finished() and reads it with read().
    QNetworkReply* startPost(const QString& path, const QJsonObject& body, const QString& token);
    static Reply read(QNetworkReply* reply);

private:
    QNetworkRequest request(const QString& path, const QString& token) const;
    Reply send(const QByteArray& verb, const QString& path, const QByteArray& body, const QString& token,
               int timeoutMs);

    QString m_base;
    QList<QSslCertificate> m_ca;
    QNetworkAccessManager m_network;
};
