#include "SettingsRepository.h"

#include "ChangeLog.h"
#include "Clock.h"
#include "ContactValidator.h"
#include "StorageFailure.h"
#include "Transaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace foyer::storage {

SettingsRepository::SettingsRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

namespace {

// A zone this system's time zone database knows; an empty id is "the workstation's zone".
bool isKnownZone(const QString& id)
{
    return id.isEmpty() || QTimeZone::isTimeZoneIdAvailable(id.toUtf8());
}

} // namespace

QString SettingsRepository::value(const QString& name, const QString& fallback, QString* error)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT value FROM workstation_setting WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec()) {
        fail(error, tr("The setting %1 could not be read: %2").arg(name, q.lastError().text()));
        return fallback;
    }
    if (q.next())
        return q.value(0).toString();
    if (q.lastError().isValid())
        fail(error, tr("The setting %1 could not be read: %2").arg(name, q.lastError().text()));
    return fallback;
}

bool SettingsRepository::loadVenueTimeZone(QString* error)
{
    QString problem;
    const QString id = value(QString::fromLatin1(VenueTimeZone), QString(), &problem).trimmed();
    if (!problem.isEmpty())
        return fail(error, problem);
    if (!isKnownZone(id))
        return fail(error, tr("The venue time zone \"%1\" is not known on this workstation; its days would start at "
                              "the wrong hour. Update the system's time zone data or set %2 again.")
                               .arg(id, QString::fromLatin1(VenueTimeZone)));
    core::Clock::setVenueTimeZone(id.isEmpty() ? QTimeZone::systemTimeZone() : QTimeZone(id.toUtf8()));
    return true;
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
    } else if (name == QLatin1String(VenueTimeZone)) {
        if (!isKnownZone(value.trimmed()))
            return fail(error, tr("%1 takes an IANA time zone such as \"Europe/London\" or \"Pacific/Auckland\"; "
                                  "\"%2\" is not a time zone this system knows.")
                                   .arg(name, value.trimmed()));
    } else if (name == QLatin1String(LockIdleMinutes)) {
        bool number = false;
        const int minutes = value.trimmed().toInt(&number);
        if (!number || minutes < 0 || minutes > MaxLockIdleMinutes)
            return fail(error, QStringLiteral("%1 takes a number of minutes from 0 (never lock) to %2; \"%3\" is not "
                                              "one.")
                                   .arg(name)
                                   .arg(MaxLockIdleMinutes)
                                   .arg(value.trimmed()));
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
    if (!txn.finish(ok))
        return false;
    // This process follows the new zone at once; others pick it up when they next open the database.
    if (name == QLatin1String(VenueTimeZone))
        core::Clock::setVenueTimeZone(stored.isEmpty() ? QTimeZone::systemTimeZone() : QTimeZone(stored.toUtf8()));
    return true;
}

QString SettingsRepository::secret(const QString& name, const std::function<QString()>& make, QString* error)
{
    // Empty when the secret cannot be read: a failed read must not make a second key.
    QString problem;
    QString current = value(name, QString(), &problem);
    if (!problem.isEmpty()) {
        fail(error, problem);
        return {};
    }
    if (!current.isEmpty())
        return current;
    current = make();
    if (current.isEmpty()) {
        fail(error, tr("The secret %1 could not be made.").arg(name));
        return {};
    }
    QSqlQuery q(m_db);
    // OR IGNORE: if another window made one first, theirs is kept and read back.
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO workstation_setting (name, value) VALUES (?, ?)"));
    q.addBindValue(name);
    q.addBindValue(current);
    if (!q.exec()) {
        fail(error, tr("The secret %1 could not be stored: %2").arg(name, q.lastError().text()));
        return {};
    }
    return value(name, QString(), error);
}

core::NewPatronRules SettingsRepository::newPatronRules(QString* error)
{
    const QString required = value(QString::fromLatin1(NewPatronRequires), QString(), error);
    core::NewPatronRules rules;
    rules.requireEmail = required.contains(QLatin1String("email"));
    rules.requirePhone = required.contains(QLatin1String("phone"));
    return rules;
}

int SettingsRepository::lockIdleMinutes(QString* error)
{
    QString readError;
    const QString text = value(QLatin1String(LockIdleMinutes), QString::number(DefaultLockIdleMinutes), &readError);
    if (!readError.isEmpty()) {
        if (error)
            *error = readError;
        return DefaultLockIdleMinutes;
    }
    bool number = false;
    const int minutes = text.trimmed().toInt(&number);
    if (!number || minutes < 0 || minutes > MaxLockIdleMinutes) {
        if (error)
            *error = tr("%1 holds \"%2\", which is not a number of minutes.").arg(QLatin1String(LockIdleMinutes), text);
        return DefaultLockIdleMinutes;
    }
    return minutes;
}

} // namespace foyer::storage
