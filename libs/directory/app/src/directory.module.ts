import { Module } from '@nestjs/common';
import { PersonalReadsModule, ReadinessRegistry, ServiceHost, STORAGE, type Storage } from '@rapport/platform-nest';
import { DIRECTORY_TOPIC } from '@rapport/directory-contracts';
import { ChangePersonStatusHttpController } from './change-person-status/change-person-status.http.controller';
import { DefineTeamHttpController } from './define-team/define-team.http.controller';
import { DirectoryCommands } from './directory-commands';
import { toDirectoryMessages } from './directory.integration';
import { DIRECTORY_HOST, DIRECTORY_SERVICE } from './directory.tokens';
import { directoryProjection } from './read-models/directory.projection';
import { ReadDirectoryHttpController } from './read-directory/read-directory.http.controller';
import { RegisterPersonHttpController } from './register-person/register-person.http.controller';
import { ScimGroupsHttpController } from './scim/scim-groups.http.controller';
import { ScimUsersHttpController } from './scim/scim-users.http.controller';
import { ScimGroupsService } from './scim/scim-groups.service';
import { ScimUsersService } from './scim/scim-users.service';
import { UpdatePersonHttpController } from './update-person/update-person.http.controller';

/**
 * The organisation directory (D1–D3): people and teams as event-sourced streams, an admin API, SCIM 2.0 for
 * the identity provider, and the `rapport.directory.v1` topic other services keep their copies from.
 * Runs alone (apps/directory) or inside the all-in-one runtime.
 */
@Module({
  imports: [PersonalReadsModule.forService(DIRECTORY_SERVICE, '/api/v1/directory/people', '/scim/v2/Users')], // A6: GETs under these paths read personal data
  controllers: [
    RegisterPersonHttpController,
    UpdatePersonHttpController,
    ChangePersonStatusHttpController,
    DefineTeamHttpController,
    ReadDirectoryHttpController,
    ScimUsersHttpController,
    ScimGroupsHttpController,
  ],
  providers: [
    {
      provide: DIRECTORY_HOST,
      inject: [STORAGE, ReadinessRegistry],
      useFactory: async (storage: Storage, readiness: ReadinessRegistry) =>
        new ServiceHost(await storage.eventStore(DIRECTORY_SERVICE), await storage.readModels(DIRECTORY_SERVICE), await storage.bus(), readiness, {
          service: DIRECTORY_SERVICE,
          projections: [directoryProjection],
          relay: { map: toDirectoryMessages, topics: [{ name: DIRECTORY_TOPIC }] },
        }),
    },
    { provide: DirectoryCommands, inject: [DIRECTORY_HOST], useFactory: (host: ServiceHost) => new DirectoryCommands(host) },
    { provide: ScimUsersService, inject: [DirectoryCommands], useFactory: (commands: DirectoryCommands) => new ScimUsersService(commands) },
    { provide: ScimGroupsService, inject: [DirectoryCommands], useFactory: (commands: DirectoryCommands) => new ScimGroupsService(commands) },
  ],
  exports: [DirectoryCommands, DIRECTORY_HOST],
})
export class DirectoryModule {
  static readonly topics = [DIRECTORY_TOPIC];
}
