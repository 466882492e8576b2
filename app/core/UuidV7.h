#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>

namespace foyer::core {

// Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits.
// Records made offline on several workstations never collide, and new rows land at the end of the primary-key
// B-tree instead of scattering across it (which, encrypted, means decrypting and re-encrypting cold pages).
class UuidV7
{
public:
    static QUuid generate();
    static QUuid generateAt(qint64 unixMilliseconds);
    // The canonical text form stored in the database: lower case, no braces.
    static QString generateText();
    static qint64 timestampOf(const QUuid& uuid);
};

} // namespace foyer::core
