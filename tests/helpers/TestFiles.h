#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

// Small file helpers shared by the storage tests.
namespace foyer::testing {

inline QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QByteArray fileDigest(const QString& path)
{
    return QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256);
}

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(bytes);
}

// An ordinary, unencrypted SQLite database made through Qt's QSQLITE: not a Foyer database.
inline bool createPlainSqliteFile(const QString& path)
{
    bool created = false;
    {
        QSqlDatabase plain = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain-file"));
        plain.setDatabaseName(path);
        created = plain.open() && QSqlQuery(plain).exec(QStringLiteral("CREATE TABLE t (x)"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("plain-file"));
    return created;
}

} // namespace foyer::testing
