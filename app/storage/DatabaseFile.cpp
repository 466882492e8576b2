#include "DatabaseFile.h"

#include "SqlCipherDriver.h"

#include <QFile>
#include <QFileInfo>

namespace foyer::storage {

DatabaseFile::State DatabaseFile::inspect(const QString& path, QString* databaseId)
{
    QFileInfo info(path);
    if (!info.exists())
        return State::Missing;
    if (info.size() == 0)
        return State::Empty;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return State::Unreadable;
    const QByteArray header = file.read(16);
    if (header.startsWith(QByteArrayLiteral("SQLite format 3")))
        return State::PlainSqlite;
    if (header.size() < 16 || info.size() < SqlCipherDriver::CipherPageSize)
        return State::TooShort;
    if (databaseId)
        *databaseId = QString::fromLatin1(header.toHex());
    return State::Encrypted;
}

} // namespace foyer::storage
