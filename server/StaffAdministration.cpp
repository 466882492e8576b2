#include "StaffAdministration.h"

#include "DatabaseFailure.h"
#include "ServerDatabase.h"
#include "StaffAccounts.h"
#include "UuidV7.h"

#include <QRegularExpression>

namespace foyer::server {

namespace {

ApiReply malformed(const QString& why)
{
    return ApiReply::error(400, QStringLiteral("malformed"), why);
}

// The field is absent (fine), or text of at most maxLength characters; else why not.
QString textProblem(const QJsonObject& body, const char* field, qsizetype maxLength)
{
    const QJsonValue v = body.value(QLatin1String(field));
    if (v.isUndefined())
        return QString();
    if (!v.isString() || v.toString().size() > maxLength)
        return QStringLiteral("%1 must be text of at most %2 characters").arg(QLatin1String(field)).arg(maxLength);
    return QString();
}

bool isUsername(const QString& username)
{
    static const QRegularExpression pattern(QStringLiteral("^[^\\s]{1,100}$"));
    return pattern.match(username).hasMatch();
}

// Active admins of the venue other than this staff member.
int otherActiveAdmins(ServerDatabase& db, const QString& venueId, const QString& staffId)
{
    QSqlQuery& q = db.run(QStringLiteral("SELECT count(*) FROM staff WHERE venue_id = ? AND id <> ? AND role = "
                                         "'admin' AND NOT disabled"),
                          {venueId, staffId});
    if (!q.next())
        throw DatabaseFailure(QStringLiteral("no admin count"));
    return q.value(0).toInt();
}

} // namespace

bool StaffAdministration::isRole(const QString& role)
{
    return role == QLatin1String("box_office") || role == QLatin1String("development") ||
           role == QLatin1String("manager") || role == QLatin1String("admin");
}

ApiReply StaffAdministration::create(const QString& venueId, const QJsonObject& body)
{
    for (const char* field : {"username", "display_name", "email", "role", "password"}) {
        const QString problem = textProblem(body, field, 1000);
        if (!problem.isEmpty())
            return malformed(problem);
    }
    const QString username = body.value(QStringLiteral("username")).toString().trimmed();
    const QString displayName = body.value(QStringLiteral("display_name")).toString().trimmed();
    const QString email = body.value(QStringLiteral("email")).toString().trimmed();
    const QString role = body.value(QStringLiteral("role")).toString();
    const QString password = body.value(QStringLiteral("password")).toString();
    if (!isUsername(username))
        return malformed(QStringLiteral("username must be 1 to 100 characters without spaces"));
    if (!isRole(role))
        return malformed(QStringLiteral("role must be box_office, development, manager or admin"));
    if (password.size() < minPasswordLength)
        return malformed(QStringLiteral("Use at least %1 characters for the password.").arg(minPasswordLength));
    const QString hash = StaffAccounts::hashPassword(password.toUtf8());
    if (hash.isEmpty())
        throw DatabaseFailure(QStringLiteral("could not hash the password"));

    m_db.begin();
    QSqlQuery& taken = m_db.run(QStringLiteral("SELECT 1 FROM staff WHERE venue_id = ? AND lower(username) = lower(?)"),
                                {venueId, username});
    if (taken.next()) {
        m_db.rollback();
        return ApiReply::error(409, QStringLiteral("conflict"),
                               QStringLiteral("The username %1 is already taken in this venue.").arg(username));
    }
    const QString id = core::UuidV7::generateText();
    m_db.run(QStringLiteral("INSERT INTO staff (id, venue_id, username, display_name, email, role, password_hash) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)"),
             {id, venueId, username, displayName.isEmpty() ? username : displayName,
              email.isEmpty() ? QVariant() : QVariant(email), role, hash});
    m_db.commit();
    return ApiReply::ok({{QStringLiteral("id"), id},
                         {QStringLiteral("username"), username},
                         {QStringLiteral("display_name"), displayName.isEmpty() ? username : displayName},
                         {QStringLiteral("email"), email},
                         {QStringLiteral("role"), role},
                         {QStringLiteral("active"), true}});
}

ApiReply StaffAdministration::update(const QString& venueId, const QString& staffId, const QJsonObject& body)
{
    for (const char* field : {"display_name", "email", "role", "password"}) {
        const QString problem = textProblem(body, field, 1000);
        if (!problem.isEmpty())
            return malformed(problem);
    }
    const QJsonValue disabledValue = body.value(QStringLiteral("disabled"));
    if (!disabledValue.isUndefined() && !disabledValue.isBool())
        return malformed(QStringLiteral("disabled must be true or false"));
    const bool hasRole = body.contains(QStringLiteral("role"));
    const QString role = body.value(QStringLiteral("role")).toString();
    if (hasRole && !isRole(role))
        return malformed(QStringLiteral("role must be box_office, development, manager or admin"));
    const bool hasName = body.contains(QStringLiteral("display_name"));
    const QString displayName = body.value(QStringLiteral("display_name")).toString().trimmed();
    if (hasName && displayName.isEmpty())
        return malformed(QStringLiteral("display_name must not be empty"));
    const bool hasEmail = body.contains(QStringLiteral("email"));
    const QString email = body.value(QStringLiteral("email")).toString().trimmed();
    const bool hasPassword = body.contains(QStringLiteral("password"));
    const QString password = body.value(QStringLiteral("password")).toString();
    if (hasPassword && password.size() < minPasswordLength)
        return malformed(QStringLiteral("Use at least %1 characters for the password.").arg(minPasswordLength));
    QString hash;
    if (hasPassword) {
        hash = StaffAccounts::hashPassword(password.toUtf8());
        if (hash.isEmpty())
            throw DatabaseFailure(QStringLiteral("could not hash the password"));
    }

    m_db.begin();
    // One admin change of a venue at a time, so two cannot each disable "the other" last admin.
    m_db.run(QStringLiteral("SELECT 1 FROM venue WHERE id = ? FOR UPDATE"), {venueId});
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT role, disabled FROM staff WHERE venue_id = ? AND id = ? FOR UPDATE"),
                            {venueId, staffId});
    if (!q.next()) {
        m_db.rollback();
        return ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("No such staff member in this venue."));
    }
    const bool wasAdmin = q.value(0).toString() == QLatin1String("admin") && !q.value(1).toBool();
    const bool disable = disabledValue.isBool() && disabledValue.toBool();
    q.finish();
    if (wasAdmin && (disable || (hasRole && role != QLatin1String("admin"))) &&
        otherActiveAdmins(m_db, venueId, staffId) == 0) {
        m_db.rollback();
        return ApiReply::error(409, QStringLiteral("last_admin"),
                               QStringLiteral("This is the venue's last active admin: make another admin first."));
    }
    if (hasRole)
        m_db.run(QStringLiteral("UPDATE staff SET role = ? WHERE id = ?"), {role, staffId});
    if (hasName)
        m_db.run(QStringLiteral("UPDATE staff SET display_name = ? WHERE id = ?"), {displayName, staffId});
    if (hasEmail)
        m_db.run(QStringLiteral("UPDATE staff SET email = ? WHERE id = ?"),
                 {email.isEmpty() ? QVariant() : QVariant(email), staffId});
    if (disabledValue.isBool())
        m_db.run(QStringLiteral("UPDATE staff SET disabled = ? WHERE id = ?"), {disable, staffId});
    if (hasPassword)
        m_db.run(QStringLiteral("UPDATE staff SET password_hash = ?, password_version = password_version + 1, "
                                "failed_attempts = 0, locked_until = NULL WHERE id = ?"),
                 {hash, staffId});
    // A disabled account, or one whose password was reset, is signed out everywhere at once.
    if (disable || hasPassword)
        m_db.run(QStringLiteral("DELETE FROM staff_session WHERE staff_id = ?"), {staffId});
    QSqlQuery& after = m_db.run(QStringLiteral("SELECT id, username, display_name, coalesce(email, ''), role, NOT "
                                               "disabled, password_version FROM staff WHERE id = ?"),
                                {staffId});
    if (!after.next())
        throw DatabaseFailure(QStringLiteral("staff member vanished"));
    const QJsonObject staff{{QStringLiteral("id"), after.value(0).toString()},
                            {QStringLiteral("username"), after.value(1).toString()},
                            {QStringLiteral("display_name"), after.value(2).toString()},
                            {QStringLiteral("email"), after.value(3).toString()},
                            {QStringLiteral("role"), after.value(4).toString()},
                            {QStringLiteral("active"), after.value(5).toBool()},
                            {QStringLiteral("password_version"), after.value(6).toLongLong()}};
    after.finish();
    m_db.commit();
    return ApiReply::ok(staff);
}

ApiReply StaffAdministration::importStaff(const QString& venueId, const QJsonObject& body)
{
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_-]{1,100}$"));
    const QJsonValue staffValue = body.value(QStringLiteral("staff"));
    if (!staffValue.isArray() || staffValue.toArray().size() > 1000)
        return malformed(QStringLiteral("staff must be an array of at most 1000 accounts"));
    const QJsonArray accounts = staffValue.toArray();
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        if (!accounts.at(i).isObject())
            return malformed(QStringLiteral("staff[%1] must be an object").arg(i));
        const QJsonObject account = accounts.at(i).toObject();
        for (const char* field : {"id", "username", "display_name", "email", "role", "password_hash"}) {
            const QString problem = textProblem(account, field, 1000);
            if (!problem.isEmpty())
                return malformed(QStringLiteral("staff[%1].%2").arg(i).arg(problem));
        }
        if (!idPattern.match(account.value(QStringLiteral("id")).toString()).hasMatch())
            return malformed(QStringLiteral("staff[%1].id must be an id").arg(i));
        if (!isUsername(account.value(QStringLiteral("username")).toString().trimmed()))
            return malformed(QStringLiteral("staff[%1].username must be 1 to 100 characters without spaces").arg(i));
        if (!isRole(account.value(QStringLiteral("role")).toString()))
            return malformed(QStringLiteral("staff[%1].role must be box_office, development, manager or admin").arg(i));
        if (!account.value(QStringLiteral("password_hash")).toString().startsWith(QLatin1String("$argon2id$")))
            return malformed(QStringLiteral("staff[%1].password_hash must be an Argon2id string").arg(i));
        const QJsonValue active = account.value(QStringLiteral("active"));
        if (!active.isUndefined() && !active.isBool())
            return malformed(QStringLiteral("staff[%1].active must be true or false").arg(i));
    }

    QJsonArray created;
    QJsonArray existing;
    QJsonArray refused;
    m_db.begin();
    // One staff change of a venue at a time (usernames are unique in it).
    m_db.run(QStringLiteral("SELECT 1 FROM venue WHERE id = ? FOR UPDATE"), {venueId});
    for (const QJsonValue& value : accounts) {
        const QJsonObject account = value.toObject();
        const QString localId = account.value(QStringLiteral("id")).toString();
        const QString username = account.value(QStringLiteral("username")).toString().trimmed();
        QSqlQuery& taken =
            m_db.run(QStringLiteral("SELECT id, username FROM staff WHERE venue_id = ? AND lower(username) = lower(?)"),
                     {venueId, username});
        if (taken.next()) {
            existing.append(QJsonObject{{QStringLiteral("id"), taken.value(0).toString()},
                                        {QStringLiteral("username"), taken.value(1).toString()},
                                        {QStringLiteral("local_id"), localId}});
            taken.finish();
            continue;
        }
        taken.finish();
        QSqlQuery& sameId = m_db.run(QStringLiteral("SELECT 1 FROM staff WHERE id = ?"), {localId});
        const bool idTaken = sameId.next();
        sameId.finish();
        if (idTaken) {
            refused.append(QJsonObject{
                {QStringLiteral("username"), username},
                {QStringLiteral("local_id"), localId},
                {QStringLiteral("reason"), QStringLiteral("Another account already has the id %1.").arg(localId)}});
            continue;
        }
        const QString displayName = account.value(QStringLiteral("display_name")).toString().trimmed();
        const QString email = account.value(QStringLiteral("email")).toString().trimmed();
        m_db.run(QStringLiteral("INSERT INTO staff (id, venue_id, username, display_name, email, role, password_hash, "
                                "disabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                 {localId, venueId, username, displayName.isEmpty() ? username : displayName,
                  email.isEmpty() ? QVariant() : QVariant(email), account.value(QStringLiteral("role")).toString(),
                  account.value(QStringLiteral("password_hash")).toString(),
                  !account.value(QStringLiteral("active")).toBool(true)});
        created.append(QJsonObject{{QStringLiteral("id"), localId}, {QStringLiteral("username"), username}});
    }
    const QJsonArray staff = directory(venueId);
    m_db.commit();
    return ApiReply::ok({{QStringLiteral("created"), created},
                         {QStringLiteral("existing"), existing},
                         {QStringLiteral("refused"), refused},
                         {QStringLiteral("staff"), staff}});
}

ApiReply StaffAdministration::list(const QString& venueId)
{
    QSqlQuery& q = m_db.run(
        QStringLiteral("SELECT id, username, display_name, coalesce(email, ''), role, disabled, "
                       "coalesce(locked_until > now(), false), failed_attempts, created_at FROM staff WHERE venue_id "
                       "= ? ORDER BY lower(username)"),
        {venueId});
    QJsonArray staff;
    while (q.next())
        staff.append(
            QJsonObject{{QStringLiteral("id"), q.value(0).toString()},
                        {QStringLiteral("username"), q.value(1).toString()},
                        {QStringLiteral("display_name"), q.value(2).toString()},
                        {QStringLiteral("email"), q.value(3).toString()},
                        {QStringLiteral("role"), q.value(4).toString()},
                        {QStringLiteral("active"), !q.value(5).toBool()},
                        {QStringLiteral("disabled"), q.value(5).toBool()},
                        {QStringLiteral("locked"), q.value(6).toBool()},
                        {QStringLiteral("failed_attempts"), q.value(7).toInt()},
                        {QStringLiteral("created_at"), q.value(8).toDateTime().toUTC().toString(Qt::ISODateWithMs)}});
    return ApiReply::ok({{QStringLiteral("staff"), staff}});
}

QJsonArray StaffAdministration::directory(const QString& venueId)
{
    QSqlQuery& q =
        m_db.run(QStringLiteral("SELECT id, username, display_name, coalesce(email, ''), role, NOT disabled, "
                                "password_version FROM staff WHERE venue_id = ? ORDER BY lower(username)"),
                 {venueId});
    QJsonArray staff;
    while (q.next())
        staff.append(QJsonObject{{QStringLiteral("id"), q.value(0).toString()},
                                 {QStringLiteral("username"), q.value(1).toString()},
                                 {QStringLiteral("display_name"), q.value(2).toString()},
                                 {QStringLiteral("email"), q.value(3).toString()},
                                 {QStringLiteral("role"), q.value(4).toString()},
                                 {QStringLiteral("active"), q.value(5).toBool()},
                                 {QStringLiteral("password_version"), q.value(6).toLongLong()}});
    return staff;
}

} // namespace foyer::server
