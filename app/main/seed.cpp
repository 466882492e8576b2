// foyer-seed: fills a Foyer database with deterministic synthetic demo data.
//   foyer-seed --database PATH [--seed N] [--patrons N]
#include "BoxOfficeDaySeeder.h"
#include "Clock.h"
#include "Database.h"
#include "DemoDataWriter.h"
#include "LocalDatabaseOpener.h"
#include "PatronRepository.h"
#include "Repositories.h"
#include "SettingsRepository.h"
#include "StaffRepository.h"
#include "StaffSignIn.h"
#include "SyntheticActivityGenerator.h"
#include "SyntheticPatronGenerator.h"
#include "SyntheticProfileGenerator.h"
#include "VenueRepository.h"
#include "VenueSeeder.h"

#include "UuidV7.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRandomGenerator>
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
    // The demo's days (today's sales, the season's evenings) are the venue's.
    if (QString problem; !storage::SettingsRepository(database->connection()).loadVenueTimeZone(&problem)) {
        QTextStream(stderr) << "foyer-seed: " << problem << Qt::endl;
        return startup::StartupError::VenueSettings;
    }
    if (parser.isSet(staffPasswordOption)) {
        storage::StaffRepository staffAccounts(database->connection());
        startup::StaffSignIn staff(&staffAccounts);
        QString typed = QTextStream(stdin).readLine();
        const core::SecureBuffer password = core::SecureBuffer::fromUtf8(typed);
        core::SecureBuffer::wipe(typed);
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
            const bool exists = staffAccounts.findByUsername(member.username, &problem).has_value();
            if (!problem.isEmpty() || (!exists && !staff.createAccount(member, password, &problem))) {
                QTextStream(stderr) << "foyer-seed: " << problem << Qt::endl;
                return 1;
            }
        }
    }

    storage::PatronRepository patrons(database->connection());
    storage::VenueRepository venueSetup(database->connection());
    QString venueError;
    const seed::VenueSeeder::Venue venue = seed::VenueSeeder::ensure(venueSetup, &venueError);
    if (venue.showIds.isEmpty()) {
        QTextStream(stderr) << "foyer-seed: venue: " << venueError << Qt::endl;
        return 1;
    }
    storage::SettingsRepository settings(database->connection());
    const QString venueName =
        settings.value(QString::fromLatin1(storage::SettingsRepository::VenueName), QString(), &venueError);
    if (!venueError.isEmpty()) {
        QTextStream(stderr) << "foyer-seed: venue name: " << venueError << Qt::endl;
        return 1;
    }
    if (venueName.isEmpty())
        settings.setValue(QString::fromLatin1(storage::SettingsRepository::VenueName),
                          QStringLiteral("Harbour Theatre"), QString(), &venueError);
    storage::DemoDataWriter writer(database->connection());
    const qint64 wanted = parser.value(patronsOption).toLongLong();
    const quint32 seed = parser.value(seedOption).toUInt();
    QString readError;
    const qint64 firstNumber = patrons.nextPatronNumber(&readError);
    if (firstNumber < 0) {
        QTextStream(stderr) << "foyer-seed: next patron number: " << readError << Qt::endl;
        return 1;
    }
    seed::SyntheticPatronGenerator generator(seed, firstNumber);
    seed::SyntheticActivityGenerator activities(seed);
    seed::SyntheticProfileGenerator profiles(seed, generator.lastNames(), core::Clock::today());
    // Notes need an author: the first staff account, when there is one.
    const QList<core::StaffMember> staffMembers =
        storage::StaffRepository(database->connection()).activeMembers(&readError);
    if (!readError.isEmpty()) {
        QTextStream(stderr) << "foyer-seed: staff accounts: " << readError << Qt::endl;
        return 1;
    }
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
            for (const auto& [membership, renewedBy] : extras.memberships) {
                ok = ok && writer.addMembership(patron.id, membership, renewedBy, &message);
                // Two seats per covered show: Friends see two shows, the other levels all of them.
                ok = ok && writer.addMembershipCredits(
                               membership.id,
                               membership.levelName == QLatin1String("Friend") ? venue.friendShowIds : venue.showIds, 2,
                               &message);
            }
            for (const QString& list : extras.mailingLists)
                ok = ok && writer.addMailingListSubscription(patron.id, list, &message);
            for (const auto& need : extras.accessibility)
                ok = ok && writer.addAccessibilityNeed(patron.id, need, &message);
            for (const auto& form : extras.forms)
                ok = ok && writer.addFormSubmission(patron.id, form, &message);
            if (!noteAuthor.isEmpty())
                for (const auto& note : extras.notes)
                    ok = ok && writer.addNote(patron.id, note.body, note.popUp, noteAuthor, &message);
            if (!taskOwner.isEmpty() && i < 600 && (i % 50 == 7 || i % 97 == 5)) {
                core::PatronTask task;
                task.patronId = patron.id;
                task.assignedToId = taskOwner;
                task.title = i % 2 ? QStringLiteral("Call about the membership renewal")
                                   : QStringLiteral("Send the access scheme form");
                task.dueOn = core::Clock::today().addDays(int(i % 17) - 4);
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
            if (i % 7 == 0) {
                ok = ok && writer.addTag(patron.id, tags.at(int((i / 7) % tags.size())), &message);
                ok = ok && patrons.rebuildSearchKeys(patron.id, &message); // found by the tag too
            }
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
    // The next performances on the main stage are partly sold, in orders of one to four seats, so the seat map
    // looks like a real week.
    {
        QString message;
        bool ok = writer.begin(&message);
        const QStringList buyerIds = patrons.firstIds(2000, &message);
        ok = ok && message.isEmpty();
        QRandomGenerator random(seed);
        const QString mainHall = venueSetup.hallId(QStringLiteral("Main Stage"), &message);
        const QList<core::SeatMap::Seat> seats = venueSetup.seats(mainHall, &message);
        const auto upcoming = venueSetup.performances(core::Clock::currentDateTimeUtc(), &message);
        ok = ok && message.isEmpty();
        int sold = 0, performancesDone = 0;
        for (const auto& performance : upcoming) {
            if (!ok || performancesDone == 4 || buyerIds.isEmpty())
                break;
            if (performance.hallId != mainHall)
                continue;
            const bool soldBefore = !venueSetup.seatStates(performance.id, &message).isEmpty();
            const qint64 price = venueSetup.priceTypes(performance.showId, &message).value(0).priceMinor;
            ok = message.isEmpty();
            if (!ok || soldBefore)
                break; // seeded before: the next performances were sold then

            ++performancesDone;
            for (int i = 0; ok && i < seats.size();) {
                const int group = 1 + int(random.bounded(4));
                // Busier at the front and the middle: about half the stalls, less further back.
                // The last balcony rows (H to J) sell last: still free.
                const bool backRows =
                    seats.at(i).section == QLatin1String("Balcony") && seats.at(i).row >= QLatin1String("H");
                const bool take =
                    !backRows && random.bounded(100) < (seats.at(i).section == QLatin1String("Stalls") ? 55 : 25);
                if (take) {
                    storage::DemoDataWriter::OrderSpec spec;
                    spec.order.id = core::UuidV7::generateText();
                    spec.order.confirmationNumber = QStringLiteral("SEED-S%1").arg(++sold);
                    spec.order.category = QStringLiteral("ticket");
                    spec.order.channel = random.bounded(2) ? QStringLiteral("online") : QStringLiteral("box_office");
                    spec.order.internalStatus =
                        random.bounded(12) == 0 ? QStringLiteral("open") : QStringLiteral("complete");
                    // Sold over the last weeks; today's sales come from BoxOfficeDaySeeder, with their payments.
                    spec.order.createdAt = core::Clock::currentDateTimeUtc().addDays(-1 - int(random.bounded(40)));
                    spec.performanceId = performance.id;
                    for (int k = 0; k < group && i + k < seats.size(); ++k) {
                        spec.ticketPrices.append(price);
                        spec.seatIds.append(seats.at(i + k).id);
                    }
                    ok = writer.addOrder(buyerIds.at(int(random.bounded(int(buyerIds.size())))), spec, &message);
                }
                i += group;
            }
        }
        if (!writer.finish(ok, &message)) {
            QTextStream(stderr) << "foyer-seed: sold seats: " << message << Qt::endl;
            return 1;
        }
    }
    {
        storage::Repositories repos(database->connection());
        QString message;
        if (!seed::BoxOfficeDaySeeder::run(repos, &message)) {
            QTextStream(stderr) << "foyer-seed: today's box office: " << message << Qt::endl;
            return 1;
        }
    }
    const qint64 total = patrons.count(&readError);
    if (total < 0) {
        QTextStream(stderr) << "foyer-seed: counting patrons: " << readError << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "foyer-seed: " << total << " patrons (" << couples << " couples in households) in "
                        << database->path() << Qt::endl;
    return 0;
}
