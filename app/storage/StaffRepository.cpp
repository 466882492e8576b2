#include "StaffRepository.h"

#include "ChangeLog.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StoredTime.h"
#include "Transaction.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

StaffRepository::StaffRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

qint64 StaffRepository::count(QString* error)
{
    qint64 accounts = -1;
    if (!readRows(m_db, QStringLiteral("SELECT count(*) FROM staff_user WHERE deleted_at IS NULL"), {}, error,
                  [&](const QSqlQuery& q) { accounts = q.value(0).toLongLong(); }))
        return -1;
    return accounts;
}

bool StaffRepository::create(const core::StaffMember& member, const QString& passwordHash, QString* error)
{
    if (!passwordHash.startsWith(QLatin1String("$argon2id$"))) { // never a password in the clear
        if (error)
            *error = QStringLiteral("Refusing to store a password that is not an Argon2id hash.");
        return false;
    }
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO staff_user (id, username, display_name, email, role, password_hash, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& value :
         {QVariant(member.id), QVariant(member.username.trimmed().toLower()), QVariant(member.displayName.trimmed()),
          member.email.isEmpty() ? QVariant() : QVariant(member.email),
          QVariant(core::StaffMember::roleCode(member.role)), QVariant(passwordHash), QVariant(now), QVariant(now)})
        q.addBindValue(value);
    bool ok = q.exec();
    if (!ok && error)
        *error = q.lastError().text();
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("staff_user");
        change.entityId = member.id;
        change.historyKind = QStringLiteral("staff_created");
        change.summary = QStringLiteral("Staff account %1 (%2) created")
                             .arg(member.username, core::StaffMember::roleCode(member.role));
        change.payload = {{QStringLiteral("id"), member.id},
                          {QStringLiteral("username"), member.username},
                          {QStringLiteral("role"), core::StaffMember::roleCode(member.role)}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

std::optional<StaffRepository::Account> StaffRepository::findByUsername(const QString& username, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, username, display_name, email, role, password_hash, active FROM staff_user "
                             "WHERE username = ? AND deleted_at IS NULL"));
    if (!runBound(q, {username.trimmed().toLower()}, error))
        return std::nullopt;
    if (!q.next()) {
        if (q.lastError().isValid())
            fail(error, q.lastError().text());
        return std::nullopt;
    }
    Account account;
    account.member.id = q.value(0).toString();
    account.member.username = q.value(1).toString();
    account.member.displayName = q.value(2).toString();
    account.member.email = q.value(3).toString();
    account.member.role = core::StaffMember::roleFromCode(q.value(4).toString());
    account.passwordHash = q.value(5).toString();
    account.active = q.value(6).toInt() != 0;
    return account;
}

QList<core::StaffMember> StaffRepository::activeMembers(QString* error)
{
    QList<core::StaffMember> out;
    const bool read =
        readRows(m_db,
                 QStringLiteral("SELECT id, username, display_name, email, role FROM staff_user WHERE active = 1 AND "
                                "deleted_at IS NULL ORDER BY display_name COLLATE NOCASE"),
                 {}, error, [&out](const QSqlQuery& q) {
                     core::StaffMember member;
                     member.id = q.value(0).toString();
                     member.username = q.value(1).toString();
                     member.displayName = q.value(2).toString();
                     member.email = q.value(3).toString();
                     member.role = core::StaffMember::roleFromCode(q.value(4).toString());
                     out.append(member);
                 });
    return read ? out : QList<core::StaffMember>();
}

std::optional<QList<StaffRepository::Account>> StaffRepository::accountsWithVerifiers(QString* error)
{
    QList<Account> out;
    const bool read = readRows(
        m_db,
        QStringLiteral("SELECT id, username, display_name, email, role, password_hash, active FROM staff_user WHERE "
                       "deleted_at IS NULL AND password_hash LIKE '$argon2id$%' ORDER BY username"),
        {}, error, [&out](const QSqlQuery& q) {
            Account account;
            account.member.id = q.value(0).toString();
            account.member.username = q.value(1).toString();
            account.member.displayName = q.value(2).toString();
            account.member.email = q.value(3).toString();
            account.member.role = core::StaffMember::roleFromCode(q.value(4).toString());
            account.passwordHash = q.value(5).toString();
            account.active = q.value(6).toInt() != 0;
            out.append(account);
        });
    if (!read)
        return std::nullopt;
    return out;
}

} // namespace foyer::storage
