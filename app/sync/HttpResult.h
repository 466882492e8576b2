#pragma once

#include <QJsonObject>
#include <QString>

namespace foyer::sync {

// One request's outcome. kind says whether the server answered at all; status and body are its answer.
struct HttpResult
{
    enum class Kind
    {
        Answered,           // the server replied (any HTTP status)
        Unreachable,        // no connection, timeout, DNS: the workstation is offline
        CertificateChanged, // the server's certificate is not the one pinned at registration
        Untrusted,          // TLS failed: not signed by the venue's CA, wrong host name, expired
        BadReply            // a reply that is not the JSON object the protocol promises
    };

    Kind kind = Kind::Unreachable;
    int status = 0;
    QJsonObject body;
    QString message; // for staff: what went wrong, never a token or password

    bool ok() const { return kind == Kind::Answered && status >= 200 && status < 300; }
    bool reachedServer() const { return kind == Kind::Answered || kind == Kind::BadReply; }
    // The message the server sent, or ours when it sent none.
    QString describe() const;
};

} // namespace foyer::sync
