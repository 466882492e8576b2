#pragma once

#include "ServerConfig.h"

#include <QByteArray>
#include <QSslSocket>
#include <QString>
#include <QStringList>
#include <memory>

namespace foyer::server {

// One SMTP session with the venue's relay (RFC 5321): EHLO, STARTTLS when configured (or TLS from the start),
// AUTH PLAIN or LOGIN when credentials are configured (only over TLS), MAIL FROM, RCPT TO, DATA with dot-stuffing,
// QUIT. Blocking, with a timeout on every step; the relay's reply text is kept for the error. The password is never
// part of an error or a log line.
class SmtpClient
{
public:
    struct Result
    {
        enum class Outcome
        {
            Sent,
            Transient, // 4xx, a timeout or a lost connection: worth trying again
            Permanent, // 5xx for this message: trying again will not help
            // The whole message was handed over but the relay's reply never came: it may have been accepted, so
            // sending it again may deliver it twice.
            Unknown
        };
        Outcome outcome = Outcome::Transient;
        int code = 0;  // the relay's reply code, 0 when there was none
        QString error; // what went wrong, with the relay's reply
        // The session never got as far as the message (no connection, greeting, TLS or sign-in): the relay is
        // unusable for now, so the other queued messages need not be tried this round.
        bool relayUnusable = false;
    };

    explicit SmtpClient(const ServerConfig::Smtp& config);
    ~SmtpClient();
    SmtpClient(const SmtpClient&) = delete;
    SmtpClient& operator=(const SmtpClient&) = delete;

    // Sends message (CRLF lines, headers and body) from envelopeFrom to recipient in one session.
    Result send(const QString& envelopeFrom, const QString& recipient, const QByteArray& message);

    // The DATA payload: CRLF line ends, a '.' doubled at the start of a line, ending CRLF "." CRLF.
    static QByteArray dotStuffed(const QByteArray& message);

private:
    struct Reply
    {
        int code = 0;
        QList<QByteArray> lines; // text after the code, one per line
        QString text() const;
    };

    bool connectToRelay(Result* result);
    bool command(const QByteArray& line, int expectedFirstDigit, Reply* reply, Result* result, const QString& what);
    bool readReply(Reply* reply, Result* result, const QString& what);
    bool writeAll(const QByteArray& bytes, Result* result, const QString& what);
    bool hello(Result* result);
    bool startTls(Result* result);
    bool authenticate(Result* result);
    bool waitEncrypted(Result* result);
    void fail(Result* result, const Reply& reply, const QString& what);
    void quit();

    ServerConfig::Smtp m_config;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    QStringList m_extensions; // EHLO keywords, upper case, with their parameters
};

} // namespace foyer::server
