#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

// A real SMTP server for the mail tests: Debian's python3-aiosmtpd on loopback, storing each message it accepts in a
// folder (the raw message, and what Python's email package reads from it: From, Reply-To, To, the decoded Subject
// and body). It answers 550 for the recipients it is told to refuse; with a certificate it offers STARTTLS and
// requires it, with credentials it requires AUTH; told to stall, it keeps a message and answers late.
class SmtpSink
{
public:
    struct Options
    {
        QStringList refuse;  // recipients answered 550
        QString certificate; // PEM paths: STARTTLS required
        QString key;
        QString username; // AUTH required (PLAIN or LOGIN)
        QString password;
        // Seconds to wait after storing a message before accepting it: a reply that comes late or never.
        int stallSeconds = 0;
    };

    SmtpSink();
    ~SmtpSink();

    // Empty when it is listening.
    QString start(const Options& options);
    void stop();
    int port() const { return m_port; }

    // Every message it accepted, oldest first: mail_from, rcpt_tos, from, from_name, from_addr, reply_to,
    // reply_to_name, reply_to_addr, to, to_addr, subject, body (decoded, LF lines), date, message_id, content_type,
    // charset, headers (the names), tls, auth (the user name it signed in as, or empty).
    QList<QJsonObject> messages() const;
    QByteArray raw(int index) const;
    QByteArray log() const { return m_log; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_log;
    int m_port = 0;
};
