import { from, LIVE_MS, query, useQuery } from '../api';
import { useSession } from '../session';
import { CustomerLink, Empty, Loaded, Page, Panel, Status, Updated, day, text, when } from '../ui';

interface BookItem {
  readonly customerId: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly stage: string | null;
  readonly grade: string | null;
  readonly tier: string | null;
  readonly lastContactAt: string | null;
  readonly nextStep: string | null;
  readonly nextFollowUpAt: string | null;
  readonly reclaimStatus: string;
}
interface Book {
  readonly ownerId: string;
  readonly items: readonly BookItem[];
  readonly total: number;
}

export function BookPage() {
  const [book] = useQuery<Book>(query('/api/v1/customers/book', { limit: 200 }), { everyMs: LIVE_MS, live: from('customers') });
  return (
    <Page title="My book">
      <Panel title="Customers I own" live>
        <Loaded
          load={book}
          what="your book"
          render={(b) =>
            b.items.length === 0 ? (
              <Empty>No customers in your book.</Empty>
            ) : (
              <table>
                <caption>{b.total} customers, most recent contact first as the book orders them</caption>
                <thead>
                  <tr>
                    <th scope="col">Customer</th>
                    <th scope="col">Company</th>
                    <th scope="col">Stage</th>
                    <th scope="col">Grade</th>
                    <th scope="col">Last contact</th>
                    <th scope="col">Next follow-up</th>
                    <th scope="col">Reclaim</th>
                  </tr>
                </thead>
                <tbody>
                  {b.items.map((c) => (
                    <tr key={c.customerId}>
                      <td>
                        <CustomerLink id={c.customerId} label={c.name} />
                      </td>
                      <td>{text(c.company)}</td>
                      <td>{text(c.stage)}</td>
                      <td>{text(c.grade)}</td>
                      <td>{when(c.lastContactAt)}</td>
                      <td>{day(c.nextFollowUpAt)}</td>
                      <td>
                        <Status value={c.reclaimStatus} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        />
        <Updated load={book} />
      </Panel>
    </Page>
  );
}

interface Task {
  readonly customerId: string;
  readonly dueAt: string;
  readonly openSince: string;
  readonly stage: string;
  readonly cadence: string;
  readonly lastContactAt: string | null;
}
interface TaskList {
  readonly asOf: string;
  readonly timeZone: string;
  readonly overdue: readonly Task[];
  readonly dueToday: readonly Task[];
  readonly upcoming: readonly Task[];
}

function TaskTable({ tasks, caption }: { readonly tasks: readonly Task[]; readonly caption: string }) {
  if (tasks.length === 0) return <Empty>Nothing {caption.toLowerCase()}.</Empty>;
  return (
    <table>
      <caption>
        {caption}: {tasks.length}
      </caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Due</th>
          <th scope="col">Stage</th>
          <th scope="col">Cadence</th>
          <th scope="col">Last contact</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={`${t.customerId}-${t.dueAt}`}>
            <td>
              <CustomerLink id={t.customerId} />
            </td>
            <td>{day(t.dueAt)}</td>
            <td>{t.stage}</td>
            <td>{t.cadence}</td>
            <td>{when(t.lastContactAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TasksPage() {
  const { person } = useSession();
  const [tasks] = useQuery<TaskList>(query('/api/v1/scheduler/tasks', { ownerId: person?.id, upcomingDays: 14 }), { everyMs: LIVE_MS, live: from('customers', 'scheduler') });
  return (
    <Page title="My tasks">
      <Loaded
        load={tasks}
        what="your tasks"
        render={(t) => (
          <div className="grid">
            <Panel title="Overdue" live>
              <TaskTable tasks={t.overdue} caption="Overdue" />
            </Panel>
            <Panel title="Due today" live>
              <TaskTable tasks={t.dueToday} caption="Due today" />
            </Panel>
            <Panel title="Upcoming (14 days)">
              <TaskTable tasks={t.upcoming} caption="Upcoming" />
            </Panel>
          </div>
        )}
      />
      <Updated load={tasks} />
    </Page>
  );
}
