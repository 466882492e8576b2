// foyer-seed: fills a Foyer database with deterministic synthetic demo data.
//   foyer-seed --database PATH [--seed N] [--patrons N]
#include "Database.h"
#include "DemoDataWriter.h"
#include "LocalDatabaseOpener.h"
#include "PatronRepository.h"
#include "StaffRepository.h"
#include "StaffSignIn.h"
#include "SyntheticActivityGenerator.h"
#include "SyntheticPatronGenerator.h"
#include "SyntheticProfileGenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace foyer;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("foyer-seed"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption databaseOption(QStringLiteral("database"), QStringLiteral("The database file."),
                                            QStringLiteral("path"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("n"),
                                        QStringLiteral("1"));
    const QCommandLineOption patronsOption(QStringLiteral("patrons"), QStringLiteral("How many patrons."),
                                           QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption staffPasswordOption(
        QStringLiteral("staff-password-stdin"),
        QStringLiteral("Create the demo staff accounts (admin, boxoffice, development, manager) with the password "
                       "read from standard input."));
    parser.addOptions({databaseOption, seedOption, patronsOption, staffPasswordOption});
    parser.process(app);
    if (!parser.isSet(databaseOption)) {
        QTextStream(stderr) << "foyer-seed: --database is required" << Qt::endl;
        return 2;
    }

    startup::LocalDatabaseOpener opener{
        security::KeyStore(qEnvironmentVariable("FOYER_KEYCHAIN_SERVICE", QStringLiteral("Foyer")))};
    startup::StartupError error;
    auto database = opener.open(parser.value(databaseOption), true, &error);
    if (!database) {
        QTextStream(stderr) << "foyer-seed: " << error.message << Qt::endl;
        return error.exitCode;
    }
    if (parser.isSet(staffPasswordOption)) {
        storage::StaffRepository staffAccounts(database->connection());
        startup::StaffSignIn staff(&staffAccounts);
        QString password = QTextStream(stdin).readLine();
        const struct
        {
            const char* username;
            const char* name;
            core::StaffMember::Role role;
        } accounts[] = {{"admin", "Alex Admin", core::StaffMember::Role::Admin},
                        {"boxoffice", "Bo Office", core::StaffMember::Role::BoxOffice},
                        {"development", "Dev Elopment", core::StaffMember::Role::Development},
                        {"manager", "Morgan Manager", core::StaffMember::Role::Manager}};
        for (const auto& account : accounts) {
            core::StaffMember member;
            member.username = QString::fromLatin1(account.username);
            member.displayName = QString::fromLatin1(account.name);
            member.email = member.username + QStringLiteral("@venue.example");
            member.role = account.role;
            QString problem;
            if (!staffAccounts.findByUsername(member.username) && !staff.createAccount(member, password, &problem)) {
                QTextStream(stderr) << "foyer-seed: " << problem << Qt::endl;
                return 1;
            }
        }
        password.fill(u'\0');
    }

    storage::PatronRepository patrons(database->connection());
    storage::DemoDataWriter writer(database->connection());
    const qint64 wanted = parser.value(patronsOption).toLongLong();
    const quint32 seed = parser.value(seedOption).toUInt();
    seed::SyntheticPatronGenerator generator(seed, patrons.nextPatronNumber());
    seed::SyntheticActivityGenerator activities(seed);
    seed::SyntheticProfileGenerator profiles(seed, generator.lastNames(), QDate::currentDate());
    // Notes need an author: the first staff account, when there is one.
    const QList<core::StaffMember> staffMembers = storage::StaffRepository(database->connection()).activeMembers();
    const QString noteAuthor = staffMembers.isEmpty() ? QString() : staffMembers.constFirst().id;
    // Follow-up tasks go to the box office account (the one the demo signs in as), else the first account.
    QString taskOwner = noteAuthor;
    for (const core::StaffMember& member : staffMembers)
        if (member.username == QLatin1String("boxoffice"))
            taskOwner = member.id;
    core::Patron previous;
    int couples = 0;
    // One transaction per 2,000 patrons with everything they did: fast, and a failure leaves whole batches only.
    for (qint64 i = 0; i < wanted;) {
        QString message;
        bool ok = writer.begin(&message);
        for (qint64 end = std::min(wanted, i + 2000); ok && i < end; ++i) {
            auto [patron, contacts] = generator.nextWithContacts();
            // The patron after each showcase patron (see SyntheticProfileGenerator) is their child, in one household.
            const bool showcaseChild =
                i % 50 == 8 && !previous.id.isEmpty() && previous.originalEmail != patron.originalEmail;
            if (showcaseChild)
                patron.lastName = previous.lastName;
            const seed::SyntheticProfileGenerator::Extras extras = profiles.forPatron(i, patron);
            patron.organisation = extras.organisation;
            patron.preferredContactMethod = extras.preferredContactMethod;
            ok = patrons.insert(patron, &message, contacts);
            for (const auto& address : extras.addresses)
                ok = ok && writer.addAddress(patron.id, address, &message);
            for (const auto& [membership, renewedBy] : extras.memberships)
                ok = ok && writer.addMembership(patron.id, membership, renewedBy, &message);
            for (const QString& list : extras.mailingLists)
                ok = ok && writer.addMailingListSubscription(patron.id, list, &message);
            for (const auto& need : extras.accessibility)
                ok = ok && writer.addAccessibilityNeed(patron.id, need, &message);
            for (const auto& form : extras.forms)
                ok = ok && writer.addFormSubmission(patron.id, form, &message);
            if (!noteAuthor.isEmpty())
                for (const auto& note : extras.notes)
                    ok = ok && writer.addNote(patron.id, note.body, note.popUp, noteAuthor, &message);
            if (!taskOwner.isEmpty() && (i % 50 == 7 || i % 97 == 5)) {
                core::PatronTask task;
                task.patronId = patron.id;
                task.assignedToId = taskOwner;
                task.title = i % 2 ? QStringLiteral("Call about the membership renewal")
                                   : QStringLiteral("Send the access scheme form");
                task.dueOn = QDate::currentDate().addDays(int(i % 17) - 4);
                ok = ok && writer.addTask(task, &message);
            }
            const seed::SyntheticActivityGenerator::Activity activity = activities.forPatron(patron.createdAt);
            for (const auto& order : activity.orders)
                ok = ok && writer.addOrder(patron.id, order, &message);
            for (const auto& recurring : activity.recurring)
                ok = ok && writer.addRecurringDonation(patron.id, recurring, &message);
            for (const auto& log : activity.logs)
                ok = ok && writer.addContactLog(patron.id, log, &message);
            ok = ok && writer.addHistory(patron.id,
                                         {patron.createdAt, QStringLiteral("patron_created"),
                                          QStringLiteral("Patron created (%1)").arg(patron.source), QString()},
                                         &message);
            for (const auto& event : activity.history)
                ok = ok && writer.addHistory(patron.id, event, &message);
            // Tags on some, and the couples who share an email are each other's spouse.
            static const QStringList tags = {QStringLiteral("VIP"), QStringLiteral("Donor"),
                                             QStringLiteral("Volunteer"), QStringLiteral("Subscriber"),
                                             QStringLiteral("Board")};
            if (i % 7 == 0)
                ok = ok && writer.addTag(patron.id, tags.at(int((i / 7) % tags.size())), &message);
            // Couples share a household too.
            if (!previous.id.isEmpty() && previous.originalEmail == patron.originalEmail) {
                ok = ok && writer.addRelationship(patron.id, previous.id, QStringLiteral("spouse"), &message);
                ok = ok && writer.addHousehold(QStringLiteral("%1 household").arg(patron.lastName),
                                               {previous.id, patron.id}, &message);
                ++couples;
            } else if (showcaseChild) {
                ok = ok && writer.addRelationship(patron.id, previous.id, QStringLiteral("child"), &message);
                ok = ok && writer.addHousehold(QStringLiteral("%1 household").arg(patron.lastName),
                                               {previous.id, patron.id}, &message);
            }
            previous = patron;
        }
        if (!writer.finish(ok, &message)) {
            QTextStream(stderr) << "foyer-seed: " << message << Qt::endl;
            return 1;
        }
    }
    QTextStream(stdout) << "foyer-seed: " << patrons.count() << " patrons (" << couples << " couples in households) in "
                        << database->path() << Qt::endl;
    return 0;
}
