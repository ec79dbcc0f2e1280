import type { INestApplicationContext } from '@nestjs/common';
import { CustomerCommands } from '../customer-commands';
import { ImportService } from '../import-customers/import.service';
import { MergeService } from '../merge-customers/merge.service';
import { ReassignmentService } from '../reclaim-customer/reassignment.service';
import { ReferralService } from '../record-referral/referral.service';
import { RegistrationService } from '../register-customer/registration.service';
import { SweepService } from '../sweep-customers/sweep.service';
import { CardUpdateService } from '../update-card/card-update.service';
import type { DemoServices } from './demo-world';

/** The use cases a demo drives, taken from an application that runs the customers module. */
export const demoServicesOf = (app: Pick<INestApplicationContext, 'get'>): DemoServices => ({
  commands: app.get(CustomerCommands),
  registration: app.get(RegistrationService),
  imports: app.get(ImportService),
  cards: app.get(CardUpdateService),
  referrals: app.get(ReferralService),
  reassignment: app.get(ReassignmentService),
  sweeps: app.get(SweepService),
  merges: app.get(MergeService),
});
