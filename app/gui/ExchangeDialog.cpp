#include "ExchangeDialog.h"

#include "Clock.h"

#include "FieldProblem.h"
#include "MoneyText.h"
#include "OrderLifeRules.h"
#include "SeatSpec.h"
#include "ui_ExchangeDialog.h"

#include <QPushButton>

namespace foyer::gui {

ExchangeDialog::ExchangeDialog(storage::Repositories* repos, const core::OrderLineDraft& line, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ExchangeDialog>())
    , m_repos(repos)
    , m_line(line)
{
    m_ui->setupUi(this);
    setAccessibleName(windowTitle());
    m_ui->problemLabel->hide();
    m_ui->summaryLabel->setText(tr("Exchange %1 (%2, %3, paid %4).")
                                    .arg(line.seatLabel, line.showTitle, MoneyText::localTime(line.performanceAt),
                                         MoneyText::amount(line.priceMinor())));
    QString readError;
    m_performances = repos->venue.performances(core::Clock::currentDateTimeUtc(), &readError);
    for (const auto& p : std::as_const(m_performances))
        if (p.id != line.performanceId)
            m_ui->performanceCombo->addItem(
                tr("%1 \u2014 %2, %3").arg(p.showTitle, MoneyText::localTime(p.startsAt), p.hallName), p.id);
    connect(m_ui->performanceCombo, &QComboBox::currentIndexChanged, this, &ExchangeDialog::fillPriceTypes);
    connect(m_ui->priceTypeCombo, &QComboBox::currentIndexChanged, this, &ExchangeDialog::showDifference);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Exchange"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("exchangeButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ExchangeDialog::exchangeRequested);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fillPriceTypes();
    showDifference();
    // After fillPriceTypes, whose own read problem must not hide this one.
    if (!readError.isEmpty())
        showProblem(tr("The performances could not be read: %1").arg(readError));
    m_ui->performanceCombo->setFocus();
}

ExchangeDialog::~ExchangeDialog() = default;

void ExchangeDialog::showDifference()
{
    if (m_line.payType == QLatin1String("membership")) {
        m_ui->priceTypeCombo->setEnabled(false);
        m_ui->differenceLabel->setText(tr("A membership seat: it stays free and its seat credit moves with it."));
        return;
    }
    const qint64 difference = core::OrderLifeRules::exchangeDifference(m_line.priceMinor(), newPriceMinor());
    m_ui->differenceLabel->setText(difference > 0 ? tr("The patron pays %1 more.").arg(MoneyText::amount(difference))
                                   : difference < 0
                                       ? tr("%1 goes back to the patron.").arg(MoneyText::amount(-difference))
                                       : tr("Same price: nothing to pay or refund."));
}

void ExchangeDialog::fillPriceTypes()
{
    m_ui->priceTypeCombo->clear();
    for (const auto& p : std::as_const(m_performances)) {
        if (p.id != performanceId())
            continue;
        QString readError;
        const QList<storage::VenueRepository::PriceType> prices = m_repos->venue.priceTypes(p.showId, &readError);
        if (!readError.isEmpty())
            showProblem(tr("The price types could not be read: %1").arg(readError));
        for (const auto& price : prices)
            m_ui->priceTypeCombo->addItem(tr("%1 (%2)").arg(price.name, MoneyText::amount(price.priceMinor)),
                                          price.priceMinor);
    }
}

QString ExchangeDialog::performanceId() const
{
    return m_ui->performanceCombo->currentData().toString();
}

qint64 ExchangeDialog::newPriceMinor() const
{
    return m_line.payType == QLatin1String("membership") ? 0 : m_ui->priceTypeCombo->currentData().toLongLong();
}

QString ExchangeDialog::reason() const
{
    return m_ui->reasonField->text().trimmed();
}

QString ExchangeDialog::resolveSeat()
{
    FieldProblem::clear(m_ui->problemLabel, m_ui->seatField);
    QString problem;
    const QList<core::SeatSpec::Seat> typed = core::SeatSpec::parse(m_ui->seatField->text(), &problem);
    if (problem.isEmpty() && typed.size() != 1)
        problem = tr("Type one seat, e.g. Stalls H12.");
    QString hallId;
    for (const auto& p : std::as_const(m_performances))
        if (p.id == performanceId())
            hallId = p.hallId;
    QString seatId;
    if (problem.isEmpty()) {
        const core::SeatSpec::Seat& want = typed.constFirst();
        QStringList matches;
        QString readError;
        const QList<core::SeatMap::Seat> seats = m_repos->venue.seats(hallId, &readError);
        for (const core::SeatMap::Seat& seat : seats)
            if (seat.row.compare(want.row, Qt::CaseInsensitive) == 0 && seat.number == QString::number(want.number) &&
                (want.section.isEmpty() || seat.section.compare(want.section, Qt::CaseInsensitive) == 0))
                matches.append(seat.id);
        QString statesError;
        if (!readError.isEmpty())
            problem = tr("The seats of that hall could not be read: %1").arg(readError);
        else if (matches.size() != 1)
            problem = matches.isEmpty() ? tr("There is no such seat in that hall.")
                                        : tr("That seat is in more than one section: type the section too.");
        else if (m_repos->venue.seatStates(performanceId(), &statesError).contains(matches.constFirst()))
            problem = tr("That seat is already sold or held for the new performance.");
        else if (!statesError.isEmpty())
            // Unread seat states would make a sold seat look free.
            problem = tr("Whether that seat is free could not be read: %1").arg(statesError);
        else
            seatId = matches.constFirst();
    }
    if (!problem.isEmpty())
        FieldProblem::show(m_ui->problemLabel, problem, m_ui->seatField);
    return seatId;
}

void ExchangeDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message);
}

} // namespace foyer::gui
