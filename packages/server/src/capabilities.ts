import { registerUnitFacts } from './campaigns/rollup.ts';
import { registerJobs } from './jobs/runner.ts';
import { assessmentUnitFacts } from './assessment/facts.ts';
import { evaluationUnitFacts } from './evaluation/facts.ts';
import { noticeUnitFacts } from './notices/facts.ts';
import { pledgeUnitFacts } from './pledges/facts.ts';
import { publicityUnitFacts } from './publicity/facts.ts';
import { memberImportHandler } from './members/import-job.ts';
import { orgImportHandler } from './orgs/import-job.ts';
import { runVoteSchedule } from './votes/service.ts';
import { runMaintenance } from './jobs/maintenance.ts';
import { runReminders } from './jobs/reminders.ts';
import { registerTodoProviders } from './home/registry.ts';
import { voteTodos } from './votes/todos.ts';
import { evaluationTodos } from './evaluation/todos.ts';
import { honourTodos } from './honours/todos.ts';
import { taskTodos } from './dashboard/todos.ts';
import { planTodos } from './plans/todos.ts';
import { assessmentTodos } from './assessment/todos.ts';
import { inspectionTodos } from './inspections/todos.ts';
import { reportTodos } from './reports/todos.ts';
import { measureTodos } from './benchmarking/todos.ts';
import { noticeTodos } from './notices/todos.ts';
import { pledgeTodos } from './pledges/todos.ts';
import { serviceTodos } from './volunteer/todos.ts';
import { publicityTodos } from './publicity/todos.ts';

/**
 * What the capabilities contribute beyond their routes: the facts they feed into the campaign
 * roll-up, their job handlers and their schedules. The roll-up (campaigns/rollup.ts) and the
 * runner (jobs/runner.ts) import no capability; buildApp calls this before anything can run
 * (calling it again changes nothing).
 */
export function wireCapabilities(): void {
  // A unit's own figures: the assessment's (verified self-assessment, Red Flag title), the member evaluation's,
  // publicity's (media coverage, published posts), then members aware of the campaign's notices (知晓率) and who pledged.
  registerUnitFacts([assessmentUnitFacts, evaluationUnitFacts, publicityUnitFacts, noticeUnitFacts, pledgeUnitFacts]);
  // Home's to-do list (home/registry.ts): what each capability asks of the actor now.
  registerTodoProviders([
    voteTodos,
    evaluationTodos,
    honourTodos,
    taskTodos,
    planTodos,
    assessmentTodos,
    inspectionTodos,
    reportTodos,
    measureTodos,
    noticeTodos,
    pledgeTodos,
    publicityTodos,
    (ex, actor) => serviceTodos(ex, actor),
  ]);
  registerJobs({
    handlers: {
      member_import: memberImportHandler,
      org_import: orgImportHandler,
    },
    schedules: [
      // Rating and voting sessions open and close at their times (votes/service.ts).
      { name: 'votes', everyMs: 30_000, run: runVoteSchedule },
      { name: 'maintenance', everyMs: 5 * 60_000, run: runMaintenance },
      // Deadline reminders (inbox): each item is notified once (dedupe key), so an hourly pass
      // is the daily pass of the spec without waiting a day for items that enter the window.
      { name: 'reminders', everyMs: 60 * 60_000, run: runReminders },
    ],
  });
}
