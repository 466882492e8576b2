#include "MailMessage.h"

#include <QLocale>
#include <QRegularExpression>
#include <algorithm>

namespace foyer::server {

namespace {

// Line breaks and other control characters become single spaces: a value stays on its header.
QString oneLine(const QString& text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (const QChar c : text) {
        const bool control = c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar::LineSeparator ||
                             c == QChar::ParagraphSeparator || c.unicode() == 0x85;
        if (control || c == u' ') {
            if (!space && !out.isEmpty())
                out.append(u' ');
            space = true;
            continue;
        }
        out.append(c);
        space = false;
    }
    return out.trimmed();
}

bool isPlainAscii(const QString& text)
{
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    return true;
}

} // namespace

bool MailMessage::isPlainAddress(const QString& email)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
        "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"));
    return email.size() <= 254 && pattern.match(email).hasMatch();
}

QByteArray MailMessage::encodedText(const QString& text, int headerNameLength)
{
    const QString line = oneLine(text);
    // Plain words fold at spaces.
    if (isPlainAscii(line) && !line.contains(QLatin1String("=?"))) {
        QByteArray out;
        int column = headerNameLength + 2;
        const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < words.size(); ++i) {
            const QByteArray word = words.at(i).toLatin1();
            if (i > 0) {
                if (column + 1 + word.size() > 78) {
                    out.append("\r\n ");
                    column = 1;
                } else {
                    out.append(' ');
                    ++column;
                }
            }
            out.append(word);
            column += static_cast<int>(word.size());
        }
        return out;
    }
    // Encoded-words of whole UTF-8 characters, one per folded line of at most 78 characters: a word is
    // "=?UTF-8?B?" (10) + base64 + "?=" (2), after the header name and ": " on the first line, one space after.
    QByteArray out;
    QByteArray chunk;
    const auto budget = [&](int used) { return std::max((78 - used - 12) / 4 * 3, 12); };
    int limit = budget(headerNameLength + 2);
    const auto flush = [&] {
        if (chunk.isEmpty())
            return;
        if (!out.isEmpty())
            out.append("\r\n ");
        out.append("=?UTF-8?B?" + chunk.toBase64() + "?=");
        chunk.clear();
        limit = budget(1);
    };
    for (qsizetype i = 0; i < line.size(); ++i) {
        QString one(line.at(i));
        if (line.at(i).isHighSurrogate() && i + 1 < line.size())
            one.append(line.at(++i));
        const QByteArray bytes = one.toUtf8();
        if (chunk.size() + bytes.size() > limit)
            flush();
        chunk.append(bytes);
    }
    flush();
    return out;
}

QByteArray MailMessage::mailbox(const Address& address, int headerNameLength)
{
    const QString name = oneLine(address.name);
    if (name.isEmpty())
        return address.email.toLatin1();
    static const QRegularExpression atom(QStringLiteral("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$"));
    QByteArray display;
    if (atom.match(name).hasMatch() && !name.contains(QLatin1String("=?")))
        display = name.toLatin1();
    else if (isPlainAscii(name) && !name.contains(QLatin1String("=?"))) {
        QString quoted = name;
        quoted.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\""));
        display = '"' + quoted.toLatin1() + '"';
    } else
        display = encodedText(name, headerNameLength);
    // The address on a line of its own when it would make the last line longer than 78 characters.
    const qsizetype lastBreak = display.lastIndexOf("\r\n");
    const qsizetype lastLine = lastBreak < 0 ? headerNameLength + 2 + display.size() : display.size() - lastBreak - 2;
    const QByteArray angle = '<' + address.email.toLatin1() + '>';
    return display + (lastLine + 1 + angle.size() > 78 ? "\r\n " : " ") + angle;
}

QByteArray MailMessage::render(QString* error) const
{
    const auto refuse = [error](const QString& why) {
        *error = why;
        return QByteArray();
    };
    if (!isPlainAddress(from.email))
        return refuse(QStringLiteral("The sender address %1 is not a plain email address.").arg(oneLine(from.email)));
    if (!isPlainAddress(to.email))
        return refuse(QStringLiteral("The recipient %1 is not a plain email address.").arg(oneLine(to.email)));
    if (!replyTo.email.isEmpty() && !isPlainAddress(replyTo.email))
        return refuse(
            QStringLiteral("The reply-to address %1 is not a plain email address.").arg(oneLine(replyTo.email)));
    if (oneLine(subject).isEmpty())
        return refuse(QStringLiteral("The email has no subject."));
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9._-]{1,100}$"));
    if (!idPattern.match(messageId).hasMatch())
        return refuse(QStringLiteral("The message id %1 is not usable.").arg(oneLine(messageId)));

    const QDateTime when = (date.isValid() ? date : QDateTime::currentDateTimeUtc()).toUTC();
    QByteArray out;
    const auto header = [&out](const char* name, const QByteArray& value) {
        out.append(name);
        out.append(": ");
        out.append(value);
        out.append("\r\n");
    };
    header("From", mailbox(from, 4));
    if (!replyTo.email.isEmpty())
        header("Reply-To", mailbox(replyTo, 8));
    header("To", mailbox(to, 2));
    header("Subject", encodedText(subject, 7));
    header("Date", QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")).toLatin1() + " +0000");
    header("Message-ID", '<' + messageId.toLatin1() + '@' + from.email.section(u'@', 1).toLatin1() + '>');
    header("MIME-Version", "1.0");
    header("Content-Type", "text/plain; charset=UTF-8");
    header("Content-Transfer-Encoding", "base64");
    out.append("\r\n");
    QString text = body;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(u'\r', u'\n');
    text.replace(u'\n', QLatin1String("\r\n"));
    const QByteArray encoded = text.toUtf8().toBase64();
    for (qsizetype i = 0; i < encoded.size(); i += 76) {
        out.append(encoded.mid(i, 76));
        out.append("\r\n");
    }
    return out;
}

} // namespace foyer::server
