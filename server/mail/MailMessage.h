#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace foyer::server {

// One email as the relay gets it (RFC 5322, MIME): From, Reply-To, To, Subject, Date, Message-ID, and a text/plain
// UTF-8 body in base64. No header can be injected: an address must be a plain address (a line break, a space or
// '<' in one refuses the message), and line breaks in names and the subject are folded into spaces; non-ASCII text
// is MIME encoded-words (RFC 2047).
class MailMessage
{
public:
    struct Address
    {
        QString name; // may be empty
        QString email;
    };

    Address from;
    Address replyTo; // email empty: no Reply-To
    Address to;
    QString subject;
    QString body;
    QDateTime date;
    QString messageId; // the part before '@'; the domain is the sender's

    // The message with CRLF line ends, or empty with why (a bad address, a missing subject).
    QByteArray render(QString* error) const;

    static bool isPlainAddress(const QString& email);
    // A header value as encoded-words where needed, folded to lines of at most 78 characters.
    static QByteArray encodedText(const QString& text, int headerNameLength);

private:
    static QByteArray mailbox(const Address& address, int headerNameLength);
};

} // namespace foyer::server
