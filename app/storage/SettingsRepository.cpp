#include "SettingsRepository.h"

#include "ChangeLog.h"
#include "ContactValidator.h"
#include "StorageFailure.h"
#include "Transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

SettingsRepository::SettingsRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString SettingsRepository::value(const QString& name, const QString& fallback)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM workstation_setting WHERE name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next() ? q.value(0).toString() : fallback;
}

bool SettingsRepository::setValue(const QString& name, const QString& value, const QString& actorId, QString* error)
{
    if (name == QLatin1String(NewPatronRequires)) {
        const QStringList parts = value.split(u',', Qt::SkipEmptyParts);
        for (const QString& part : parts)
            if (part.trimmed() != QLatin1String("email") && part.trimmed() != QLatin1String("phone"))
                return fail(error, QStringLiteral("%1 takes \"email\", \"phone\", both (comma-separated) or nothing; "
                                                  "\"%2\" is none of these.")
                                       .arg(name, part.trimmed()));
    } else if (name == QLatin1String(MembershipManagerEmail)) {
        if (const QString problem = core::ContactValidator::checkEmail(value); !value.isEmpty() && !problem.isEmpty())
            return fail(error, problem);
    } else if (name == QLatin1String(VenueName)) {
        if (value.trimmed().isEmpty() || value.size() > 120)
            return fail(error, QStringLiteral("The venue's name is 1 to 120 characters."));
    } else if (name == QLatin1String(MemberAuthentication)) {
        if (value != QLatin1String("on") && value != QLatin1String("off"))
            return fail(error, QStringLiteral("%1 is \"on\" or \"off\".").arg(name));
    } else {
        return fail(error, QStringLiteral("Unknown setting \"%1\".").arg(name));
    }
    // Empty, not NULL: "nothing required" is a value.
    const QString stored = value.trimmed().isEmpty() ? QStringLiteral("") : value.trimmed();
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO workstation_setting (name, value) VALUES (?, ?)"));
    q.addBindValue(name);
    q.addBindValue(stored);
    bool ok = q.exec() || fail(error, q.lastError().text());
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("setting");
        change.entityId = name;
        change.historyKind = QStringLiteral("setting_changed");
        change.actorId = actorId;
        change.summary = QStringLiteral("%1 = %2").arg(name, stored);
        change.payload = {{QStringLiteral("name"), name}, {QStringLiteral("value"), stored}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

QString SettingsRepository::secret(const QString& name, const std::function<QString()>& make)
{
    QString current = value(name);
    if (!current.isEmpty())
        return current;
    current = make();
    if (current.isEmpty())
        return {};
    QSqlQuery q(m_db);
    // OR IGNORE: if another window made one first, theirs is kept and read back.
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO workstation_setting (name, value) VALUES (?, ?)"));
    q.addBindValue(name);
    q.addBindValue(current);
    q.exec();
    return value(name);
}

core::NewPatronRules SettingsRepository::newPatronRules()
{
    const QString required = value(QString::fromLatin1(NewPatronRequires));
    core::NewPatronRules rules;
    rules.requireEmail = required.contains(QLatin1String("email"));
    rules.requirePhone = required.contains(QLatin1String("phone"));
    return rules;
}

} // namespace foyer::storage
